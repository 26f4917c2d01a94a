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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  burnRate,
  coveredSeconds,
  eventErrorBudget,
  formatSloDuration,
  parseSloDeclaration,
  parseSloDuration,
  SLO_ANNOTATION,
  SloDeclaration,
  SloObjectiveSpec,
  SloReport,
  SloResult,
  sloStatus,
  timeErrorBudget,
} from '@paved/plugin-paved-common';
import { RepositoryReader } from '../adoption/RepositoryReader';
import { SloQueries } from './SloQueries';

/** An annotation value that names a file rather than holding YAML. */
function isFileReference(value: string): boolean {
  const trimmed = value.trim();
  return !trimmed.includes('\n') && /\.(ya?ml|json)$/i.test(trimmed);
}

/**
 * Evaluates the SLOs declared on an entity (`paved.dev/slos`: YAML, or a
 * path to a file next to `catalog-info.yaml`) against the ledger.
 */
export class SloService {
  readonly #catalog: CatalogService;
  readonly #queries: SloQueries;
  readonly #repositories: RepositoryReader;

  constructor(options: {
    catalog: CatalogService;
    queries: SloQueries;
    repositories: RepositoryReader;
  }) {
    this.#catalog = options.catalog;
    this.#queries = options.queries;
    this.#repositories = options.repositories;
  }

  async getReport(
    entityRef: string,
    credentials: BackstageCredentials,
    now: Date = new Date(),
  ): Promise<SloReport> {
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return this.evaluate(entity, now);
  }

  /** The report of an entity already read from the catalog. */
  async evaluate(entity: Entity, now: Date = new Date()): Promise<SloReport> {
    const ref = stringifyEntityRef(entity);
    const value = entity.metadata.annotations?.[SLO_ANNOTATION];
    if (!value || !value.trim()) {
      return { entityRef: ref, declared: false, objectives: [], errors: [] };
    }
    let declaration: SloDeclaration;
    let source: SloReport['source'];
    if (isFileReference(value)) {
      try {
        const file = await this.#repositories.readSibling(entity, value.trim());
        source = { type: 'file', location: file.location };
        declaration = parseSloDeclaration(file.text);
      } catch (error) {
        return {
          entityRef: ref,
          declared: true,
          source: { type: 'file', location: value.trim() },
          objectives: [],
          errors: [
            {
              path: '',
              message: `cannot read ${value.trim()}: ${
                (error as Error).message
              }`,
            },
          ],
        };
      }
    } else {
      source = { type: 'annotation', location: SLO_ANNOTATION };
      declaration = parseSloDeclaration(value);
    }
    const objectives = await Promise.all(
      declaration.objectives.map(o => this.#evaluateObjective(ref, o, now)),
    );
    return {
      entityRef: ref,
      declared: true,
      source,
      objectives,
      errors: declaration.errors,
    };
  }

  async #evaluateObjective(
    entityRef: string,
    objective: SloObjectiveSpec,
    now: Date,
  ): Promise<SloResult> {
    const windowSeconds = parseSloDuration(objective.window)!;
    const lookbackSeconds = objective.burnRateWindow
      ? parseSloDuration(objective.burnRateWindow)!
      : Math.round(windowSeconds / 4);
    const from = new Date(now.getTime() - windowSeconds * 1000);
    const lookbackFrom = new Date(now.getTime() - lookbackSeconds * 1000);
    const base = {
      name: objective.name,
      type: objective.type,
      ...(objective.description ? { description: objective.description } : {}),
      target: objective.target,
      window: {
        from: from.toISOString(),
        to: now.toISOString(),
        duration: objective.window,
      },
      burnRateWindow: formatSloDuration(lookbackSeconds),
    };

    if (objective.type === 'availability') {
      const intervals = await this.#queries.incidents(
        entityRef,
        from,
        now,
        objective.severities,
      );
      const down = coveredSeconds(intervals, from.getTime(), now.getTime());
      const recentDown = coveredSeconds(
        intervals,
        lookbackFrom.getTime(),
        now.getTime(),
      );
      const { sli, errorBudget } = timeErrorBudget({
        badSeconds: down,
        windowSeconds,
        target: objective.target,
      });
      const rate = burnRate({
        bad: recentDown,
        total: lookbackSeconds,
        target: objective.target,
      });
      return {
        ...base,
        unit: 'seconds',
        good: windowSeconds - down,
        total: windowSeconds,
        sli,
        errorBudget,
        burnRate: rate,
        status: sloStatus(errorBudget, rate),
      };
    }

    let counts: (from: Date) => Promise<{ good: number; total: number }>;
    let unit: SloResult['unit'];
    let nothing: string;
    if (objective.type === 'deployment-success-rate') {
      unit = 'deployments';
      nothing = objective.environment
        ? `no finished deployments to ${objective.environment} in the window`
        : 'no finished production deployments in the window';
      counts = f =>
        this.#queries.deployments(entityRef, f, now, objective.environment);
    } else {
      unit = 'changes';
      nothing = 'no changes reached production in the window';
      const threshold = parseSloDuration(objective.threshold!)!;
      counts = async f => {
        const leads = await this.#queries.leadTimes(entityRef, f, now);
        return {
          good: leads.filter(s => s <= threshold).length,
          total: leads.length,
        };
      };
    }
    const [window, recent] = await Promise.all([
      counts(from),
      counts(lookbackFrom),
    ]);
    const { sli, errorBudget } = eventErrorBudget({
      ...window,
      target: objective.target,
    });
    const rate = burnRate({
      bad: recent.total - recent.good,
      total: recent.total,
      target: objective.target,
    });
    return {
      ...base,
      unit,
      good: window.good,
      total: window.total,
      sli,
      errorBudget,
      burnRate: rate,
      status: sloStatus(errorBudget, rate),
      ...(window.total === 0 ? { notAvailableReason: nothing } : {}),
    };
  }
}
