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
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ADOPTION_FACT_RETRIEVERS,
  LedgerFacts,
} from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { toIso } from '../../deployments/time';
import { AdoptionFactRetriever } from './types';

/** Deployments count towards adoption and automation over this window. */
export const DEPLOYMENT_WINDOW_DAYS = 30;
/** Environments are counted over this window. */
export const ENVIRONMENT_WINDOW_DAYS = 90;

/** Sources that are CI/CD systems or orchestrators by nature. */
const SYSTEM_SOURCES = new Set(['github', 'gitlab', 'argocd', 'generic']);
/** Sources that mean "recorded by a person" unless a run is linked. */
const HAND_SOURCES = new Set(['api', 'cli', 'manual']);

/**
 * Whether a deployment record was made by automation: an orchestrator
 * (`orchestrator:<id>`), a webhook from a CI/CD system, or any record that
 * names a pipeline run or links to one (`url`). Records from `api`, `cli`
 * or `manual` without either are counted as recorded by hand.
 */
export function isAutomatedDeployment(record: {
  source: string;
  linked: boolean;
}): boolean {
  const source = record.source.toLocaleLowerCase('en-US');
  if (source.startsWith('orchestrator:') || SYSTEM_SOURCES.has(source)) {
    return true;
  }
  if (record.linked) return true;
  return !HAND_SOURCES.has(source);
}

/**
 * Retriever `ledger`: deployments of each component in every environment
 * (not only production), how they were recorded, and the environments.
 * One grouped query for all components.
 */
export function createLedgerFactRetriever(
  db: Knex,
): AdoptionFactRetriever<LedgerFacts> {
  return {
    id: 'ledger',
    version: ADOPTION_FACT_RETRIEVERS.ledger.version,
    title: ADOPTION_FACT_RETRIEVERS.ledger.title,
    description: `Deployments in the last ${DEPLOYMENT_WINDOW_DAYS} days (all environments) and how they were recorded, and the environments deployed to in the last ${ENVIRONMENT_WINDOW_DAYS} days, from the deployment ledger.`,
    entityFilter: { kind: 'Component' },
    async handler({ entities, now }) {
      const since30 = new Date(
        now.getTime() - DEPLOYMENT_WINDOW_DAYS * 86_400_000,
      );
      const since90 = new Date(
        now.getTime() - ENVIRONMENT_WINDOW_DAYS * 86_400_000,
      );
      const linked =
        'CASE WHEN url IS NOT NULL OR pipeline_run IS NOT NULL THEN 1 ELSE 0 END';
      const query = db('paved_deployments');
      // A few entities (a card asking before the first run): only theirs.
      if (entities.length <= 200) {
        query.whereIn(
          'entity_ref',
          entities.map(e => stringifyEntityRef(e)),
        );
      }
      const rows = await query
        .whereNotNull('entity_ref')
        .where('started_at', '>=', since90)
        .where('started_at', '<=', now)
        .select(
          'entity_ref',
          'environment',
          'source',
          'is_production',
          db.raw(`${linked} AS linked`),
          db.raw('SUM(CASE WHEN started_at >= ? THEN 1 ELSE 0 END) AS recent', [
            since30,
          ]),
          db.raw('MAX(CASE WHEN started_at >= ? THEN started_at END) AS last', [
            since30,
          ]),
        )
        .groupBy(
          'entity_ref',
          'environment',
          'source',
          'is_production',
          db.raw(linked),
        );

      type Acc = LedgerFacts & { last?: number };
      const byRef = new Map<string, Acc>();
      const empty = (): Acc => ({
        windowDays: DEPLOYMENT_WINDOW_DAYS,
        deployments: 0,
        automatedDeployments: 0,
        manualDeployments: 0,
        productionDeployments: 0,
        environments: [],
      });
      for (const row of rows) {
        const key = String(row.entity_ref).toLocaleLowerCase('en-US');
        const acc = byRef.get(key) ?? empty();
        byRef.set(key, acc);
        if (!acc.environments.includes(row.environment)) {
          acc.environments.push(row.environment);
        }
        const recent = Number(row.recent ?? 0);
        if (!recent) continue;
        acc.deployments += recent;
        if (
          isAutomatedDeployment({
            source: row.source,
            linked: Number(row.linked) === 1,
          })
        ) {
          acc.automatedDeployments += recent;
        } else {
          acc.manualDeployments += recent;
        }
        if (row.is_production === true || Number(row.is_production) === 1) {
          acc.productionDeployments += recent;
        }
        const last =
          row.last === null ? undefined : Date.parse(toIso(row.last)!);
        if (last !== undefined && (acc.last === undefined || last > acc.last)) {
          acc.last = last;
        }
      }

      return entities.map(entity => {
        const entityRef = stringifyEntityRef(entity);
        const { last, ...facts } =
          byRef.get(entityRef.toLocaleLowerCase('en-US')) ?? empty();
        facts.environments.sort();
        return {
          entityRef,
          facts: {
            ...facts,
            ...(last !== undefined
              ? { lastDeploymentAt: new Date(last).toISOString() }
              : {}),
          },
        };
      });
    },
  };
}
