/*
 * Copyright 2026 The Paved Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DoraOrganisationReport,
  DoraQuery,
  DoraReport,
  DoraScope,
  DoraWindow,
} from '@paved/plugin-paved-common';
import { CommitRangeCoverage } from './CommitRangeCoverage';
import { DoraConfig } from './config';
import { DoraEntityDirectory } from './DoraEntityDirectory';
import { DoraQueries } from './DoraQueries';
import { DoraRollups } from './DoraRollups';
import {
  bandDistribution,
  buildMetrics,
  buildOrganisationRows,
} from './report';
import { resolveWindow, ResolvedWindow } from './windows';

/**
 * Reads with more out-of-date entities than this answer from the roll-ups
 * as they are (and say so in `pendingEntities`) instead of waiting for the
 * background refresh of a large import.
 */
const READ_REFRESH_LIMIT = 10;

/**
 * DORA reports for the REST API: validates the query, brings the roll-ups
 * of the entities concerned up to date (so a deployment recorded a moment
 * ago counts), runs the queries and turns the numbers into metrics with
 * units, bands and reasons.
 */
export class DoraService {
  constructor(
    private readonly options: {
      config: DoraConfig;
      rollups: DoraRollups;
      queries: DoraQueries;
      directory: DoraEntityDirectory;
      /** Share of deployments with a complete commit range. */
      coverage: CommitRangeCoverage;
      now?: () => Date;
    },
  ) {}

  /**
   * Metrics of one entity, a group's entities or a system's entities;
   * `visibleEntityRefs` limits a group or system to the entities the
   * caller may see (undefined: all).
   */
  async report(
    query: DoraQuery,
    options: { visibleEntityRefs?: string[] } = {},
  ): Promise<DoraReport> {
    const scope = parseScope(query);
    const window = this.window(query);
    if (scope.type === 'entity') {
      return this.entityReport(scope, window);
    }
    const { visibleEntityRefs } = options;
    const pendingEntities = await this.catchUp();
    const [raw, commitCoverage] = await Promise.all([
      this.options.queries.summary(scope, window, visibleEntityRefs),
      this.options.coverage.coverage(scope, window, visibleEntityRefs),
    ]);
    return {
      scope,
      window: describe(window),
      entityCount: raw.entityCount,
      metrics: buildMetrics(raw, window, this.options.config.bands),
      pendingEntities,
      commitCoverage,
    };
  }

  /**
   * One entity: a single statement answers and says whether the entity's
   * roll-ups are out of date; only then refresh them and ask again.
   */
  private async entityReport(
    scope: DoraScope & { type: 'entity' },
    window: ResolvedWindow,
  ): Promise<DoraReport> {
    const { queries, rollups, config, coverage } = this.options;
    // Coverage reads the same roll-ups; asked alongside, on another connection.
    let [result, commitCoverage] = await Promise.all([
      queries.entity(scope.ref, window),
      coverage.coverage(scope, window),
    ]);
    if (result.dirty) {
      await rollups.refresh({ entities: [scope.ref] });
      [result, commitCoverage] = await Promise.all([
        queries.entity(scope.ref, window),
        coverage.coverage(scope, window),
      ]);
    }
    return {
      scope,
      window: describe(window),
      entityCount: result.summary.entityCount,
      metrics: buildMetrics(result.summary, window, config.bands),
      pendingEntities: result.dirty ? 1 : 0,
      commitCoverage,
    };
  }

  /**
   * The organisation view: totals and trends, table rows, band
   * distribution; over `visibleEntityRefs` only when given.
   */
  async organisation(
    query: Pick<DoraQuery, 'from' | 'to' | 'days'>,
    options: { visibleEntityRefs?: string[] } = {},
  ): Promise<DoraOrganisationReport> {
    const window = this.window(query);
    const { visibleEntityRefs } = options;
    const visible = visibleEntityRefs && new Set(visibleEntityRefs);
    const pendingEntities = await this.catchUp();
    const [raw, commitCoverage] = await Promise.all([
      this.options.queries.organisation(window, {
        visible: visible && (ref => visible.has(ref)),
      }),
      this.options.coverage.coverage(
        { type: 'organisation' },
        window,
        visibleEntityRefs,
      ),
    ]);
    const rows = buildOrganisationRows(raw, window, this.options.config.bands);
    return {
      window: describe(window),
      organisation: {
        scope: { type: 'organisation' },
        window: describe(window),
        entityCount: raw.summary.entityCount,
        metrics: buildMetrics(raw.summary, window, this.options.config.bands),
        pendingEntities,
        commitCoverage,
      },
      rows,
      distribution: bandDistribution(rows),
      pendingEntities,
    };
  }

  private window(query: Pick<DoraQuery, 'from' | 'to' | 'days'>) {
    return resolveWindow(
      query,
      this.options.config.timeZone,
      this.options.now?.() ?? new Date(),
    );
  }

  /**
   * Refreshes the roll-ups a team, system or organisation report reads:
   * every out-of-date entity unless a bulk import left too many, which the
   * scheduled refresh then works through.
   * New entities are looked up in the catalog so team and system reports
   * include them. Returns how many entities are still out of date.
   */
  private async catchUp(): Promise<number> {
    const { rollups, directory } = this.options;
    if ((await rollups.pending()) <= READ_REFRESH_LIMIT) {
      await rollups.refresh();
    }
    if (await directory.hasUnknown()) {
      await directory.addNew();
    }
    return rollups.pending();
  }
}

/** Exactly one of entity, group, system; refs get their default kind. */
function parseScope(query: DoraQuery): DoraScope {
  const given = (['entity', 'group', 'system'] as const).filter(
    key => query[key] !== undefined && query[key] !== '',
  );
  if (given.length !== 1) {
    throw new InputError(
      `Name exactly one of entity, group or system (got ${
        given.length ? given.join(' and ') : 'none'
      }); the organisation's numbers are at /v1/dora/organisation`,
    );
  }
  const type = given[0];
  const defaultKind = { entity: 'component', group: 'group', system: 'system' }[
    type
  ];
  try {
    const ref = stringifyEntityRef(
      parseEntityRef(query[type]!, {
        defaultKind,
        defaultNamespace: 'default',
      }),
    );
    return { type, ref };
  } catch (error) {
    throw new InputError(
      `${type} '${query[type]}' is not an entity ref: ${
        (error as Error).message
      }`,
    );
  }
}

function describe(window: ResolvedWindow): DoraWindow {
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    days: Math.round(window.days * 1000) / 1000,
    timeZone: window.timeZone,
  };
}
