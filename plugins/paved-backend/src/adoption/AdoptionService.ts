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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AdoptionHistoryPoint,
  AdoptionReport,
  EntityScores,
} from '@paved/plugin-paved-common';
import { daysBefore } from '../analytics/AnalyticsActivityStore';
import { AdoptionSnapshot } from './AdoptionSnapshotStore';
import { AdoptionEngine } from './AdoptionEngine';
import { computeFunnel } from './funnel';

/** Days of leading indicators the report returns. */
export const HISTORY_DAYS = 180;
const OFF_PATH_SHOWN = 10;
/** Candidates read to find ten the caller may see. */
const OFF_PATH_CANDIDATES = 100;

/** An entity ref from a query parameter, or a 400 naming it. */
export function parseEntityParam(value: string | undefined): string {
  if (!value) {
    throw new InputError(
      'entity is required, e.g. ?entity=component:default/checkout',
    );
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `entity '${value}' is not an entity ref: ${(error as Error).message}`,
    );
  }
}

function historyPoint(s: AdoptionSnapshot): AdoptionHistoryPoint {
  const m = s.metrics;
  return {
    day: s.day,
    demo: s.demo,
    components: m.components,
    withScore: m.withScore.share,
    fromGoldenPath: m.fromGoldenPath.share,
    onCurrentVersion: m.onCurrentVersion.share,
    deployingThroughPaved: m.deployingThroughPaved.share,
    automationScore: m.automationScore,
    complexityScore: m.complexityScore,
    weeklyActiveUsers: m.activeUsers.weekly,
    monthlyActiveUsers: m.activeUsers.monthly,
    templateSuccessRate: m.templateRuns.successRate,
  };
}

/**
 * Reads what the adoption computation stored, limited to what the caller
 * may see in the catalog.
 */
export class AdoptionService {
  readonly #engine: AdoptionEngine;
  readonly #catalog: CatalogService;

  constructor(options: { engine: AdoptionEngine; catalog: CatalogService }) {
    this.#engine = options.engine;
    this.#catalog = options.catalog;
  }

  /**
   * The report. With \`visibleEntityRefs\` (a caller who may see only some
   * entities) the funnel and scores cover just those components, the list
   * is limited to them, and what only exists for the whole organisation
   * (history, template usage and runs) is left out.
   */
  async getReport(
    credentials: BackstageCredentials,
    now: Date = new Date(),
    visibleEntityRefs?: string[],
  ): Promise<AdoptionReport> {
    if (visibleEntityRefs) {
      return this.#restrictedReport(visibleEntityRefs, now);
    }
    const engine = this.#engine;
    const { demoData, analytics } = engine.config;
    const [latest, history, candidates, activeUsers] = await Promise.all([
      engine.snapshots.latest(),
      engine.snapshots.history(daysBefore(now, HISTORY_DAYS), demoData),
      engine.scores.furthestOffPath(OFF_PATH_CANDIDATES),
      engine.activeUsers(now),
    ]);

    const refs = [
      ...new Set([
        ...candidates.map(c => c.entityRef),
        ...(latest?.templates ?? []).map(t => t.templateRef),
      ]),
    ];
    const visible = new Set<string>();
    if (refs.length) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      items.forEach((item, i) => {
        if (item) visible.add(refs[i]);
      });
    }

    const current = latest ? { ...latest.metrics, activeUsers } : null;
    const points = history.map(historyPoint);
    return {
      computedAt: latest ? latest.computedAt.toISOString() : null,
      durationMs: latest?.durationMs ?? null,
      current,
      templates: (latest?.templates ?? []).filter(t =>
        visible.has(t.templateRef),
      ),
      history: points,
      furthestOffPath: candidates
        .filter(c => visible.has(c.entityRef))
        .slice(0, OFF_PATH_SHOWN),
      analytics,
      demo:
        demoData && (points.some(p => p.demo) || activeUsers.demoMonthly > 0),
    };
  }

  async #restrictedReport(
    visibleEntityRefs: string[],
    now: Date,
  ): Promise<AdoptionReport> {
    const engine = this.#engine;
    const { analytics } = engine.config;
    const [latest, scored, offPath, activeUsers] = await Promise.all([
      engine.snapshots.latest(),
      engine.scores.factsOf(visibleEntityRefs),
      engine.scores.furthestOffPath(OFF_PATH_SHOWN, visibleEntityRefs),
      engine.activeUsers(now),
    ]);
    const average = (values: Array<number | null>) => {
      const known = values.filter((v): v is number => v !== null);
      return known.length
        ? Math.round((10 * known.reduce((a, b) => a + b, 0)) / known.length) /
            10
        : null;
    };
    const current = latest
      ? {
          ...computeFunnel(scored.map(s => s.facts)),
          templateRuns: {
            windowDays: latest.metrics.templateRuns.windowDays,
            status: 'unavailable' as const,
            detail:
              'Template runs are counted for the whole organisation; you may read only some of its components',
            runs: 0,
            succeeded: 0,
            failed: 0,
            successRate: null,
          },
          activeUsers,
          timeToFirstProductionDeployment: { medianSeconds: null, samples: 0 },
          automationScore: average(scored.map(s => s.automation)),
          complexityScore: average(scored.map(s => s.complexity)),
        }
      : null;
    return {
      computedAt: latest ? latest.computedAt.toISOString() : null,
      durationMs: latest?.durationMs ?? null,
      current,
      templates: [],
      history: [],
      furthestOffPath: offPath,
      analytics,
      demo: false,
    };
  }

  /**
   * Scores of an entity the caller may read: the stored ones, or computed
   * now for an entity the scheduled run has not seen yet.
   */
  async getEntityScores(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityScores> {
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    if (entity.kind.toLocaleLowerCase('en-US') !== 'component') {
      throw new InputError(
        `Scores are computed for Components; ${entityRef} is a ${entity.kind}`,
      );
    }
    const ref = stringifyEntityRef(entity);
    return (
      (await this.#engine.scores.get(ref)) ??
      (await this.#engine.scoreNow(entity))
    );
  }
}
