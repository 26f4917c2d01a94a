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
import {
  EntityFacts,
  EntityScores,
  OffPathComponent,
} from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { whereInList } from '../database/inList';
import { toDate } from '../deployments/time';

const TABLE = 'paved_adoption_scores';
const CHUNK = 300;

/** The latest automation and complexity scores per entity. */
export class AdoptionScoreStore {
  constructor(private readonly db: Knex) {}

  /**
   * Stores the scores of a run and removes those of entities the run did
   * not score (gone from the catalog).
   */
  async replaceAll(scores: EntityScores[], now: Date): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < scores.length; i += CHUNK) {
        await tx(TABLE)
          .insert(
            scores.slice(i, i + CHUNK).map(s => ({
              entity_ref: s.entityRef,
              title: s.title?.slice(0, 255) ?? null,
              owner_ref: s.owner?.slice(0, 255) ?? null,
              automation: s.automation.score,
              complexity: s.complexity.score,
              deviations: s.deviations.length,
              details: JSON.stringify({
                automation: s.automation,
                complexity: s.complexity,
                deviations: s.deviations,
                facts: s.facts,
              }),
              computed_at: now,
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
      await tx(TABLE).where('computed_at', '<', now).delete();
    });
  }

  async get(entityRef: string): Promise<EntityScores | undefined> {
    const row = await this.db(TABLE).where({ entity_ref: entityRef }).first();
    if (!row) return undefined;
    const details = JSON.parse(row.details);
    return {
      entityRef: row.entity_ref,
      ...(row.title ? { title: row.title } : {}),
      ...(row.owner_ref ? { owner: row.owner_ref } : {}),
      computedAt: toDate(row.computed_at).toISOString(),
      automation: details.automation,
      complexity: details.complexity,
      deviations: details.deviations,
      facts: details.facts,
    };
  }

  /**
   * The facts and scores of the components among \`entityRefs\` (the ones a
   * caller may see), for a funnel over just those.
   */
  async factsOf(entityRefs: readonly string[]): Promise<
    Array<{
      facts: EntityFacts;
      automation: number | null;
      complexity: number | null;
    }>
  > {
    const rows: Array<{
      automation: number | string | null;
      complexity: number | string | null;
      details: string;
    }> = await whereInList(
      this.db,
      this.db(TABLE).select('automation', 'complexity', 'details'),
      'entity_ref',
      entityRefs,
    );
    return rows.map(row => ({
      facts: JSON.parse(row.details).facts,
      automation: row.automation === null ? null : Number(row.automation),
      complexity: row.complexity === null ? null : Number(row.complexity),
    }));
  }

  /**
   * Components with the most golden-path deviations (then the lowest
   * automation score), most first; among \`entityRefs\` when given.
   */
  async furthestOffPath(
    limit: number,
    entityRefs?: readonly string[],
  ): Promise<OffPathComponent[]> {
    const query = this.db(TABLE);
    if (entityRefs) whereInList(this.db, query, 'entity_ref', entityRefs);
    const rows = await query
      .where('deviations', '>', 0)
      .orderBy([
        { column: 'deviations', order: 'desc' },
        { column: 'automation', order: 'asc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(limit)
      .select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...(row.title ? { title: row.title } : {}),
      ...(row.owner_ref ? { owner: row.owner_ref } : {}),
      automationScore: Number(row.automation),
      complexityScore: Number(row.complexity),
      deviations: JSON.parse(row.details).deviations,
    }));
  }
}
