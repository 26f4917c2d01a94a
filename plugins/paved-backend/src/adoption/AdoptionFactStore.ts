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
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { toDate } from '../deployments/time';

const FACTS = 'paved_adoption_facts';
const HISTORY = 'paved_adoption_fact_history';
/** Rows per statement: well below SQLite's bound-parameter limit. */
const CHUNK = 300;

/** Facts of one retriever for one entity, as stored. */
export type StoredFacts<T = unknown> = {
  entityRef: string;
  retrieverId: string;
  version: string;
  facts: T;
  etag?: string;
  observedAt: Date;
  checkedAt: Date;
};

/** What a retriever produced for one entity in a run. */
export type FactRow = {
  entityRef: string;
  facts: unknown;
  etag?: string;
};

function fingerprint(version: string, facts: unknown): string {
  return createHash('sha256')
    .update(version)
    .update('\n')
    .update(JSON.stringify(facts))
    .digest('hex');
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * The facts of the adoption fact retrievers, modelled on Tech Insights'
 * fact store: the latest value per entity and retriever, plus a history row
 * whenever a value changes (not on every run, so the history stays small
 * with thousands of entities).
 */
export class AdoptionFactStore {
  constructor(private readonly db: Knex) {}

  /** Latest facts of one retriever, by entity ref. */
  async latest<T>(
    retrieverId: string,
    entityRefs?: string[],
  ): Promise<Map<string, StoredFacts<T>>> {
    const result = new Map<string, StoredFacts<T>>();
    const read = async (refs?: string[]) => {
      const query = this.db(FACTS).where({ retriever_id: retrieverId });
      if (refs) query.whereIn('entity_ref', refs);
      for (const row of await query.select()) {
        result.set(row.entity_ref, toStored<T>(row));
      }
    };
    if (entityRefs) {
      for (const chunk of chunks(entityRefs)) await read(chunk);
    } else {
      await read();
    }
    return result;
  }

  /**
   * Stores a run of one retriever over `rows` (every entity it covers):
   * changed values replace the latest row and add a history row; unchanged
   * ones only get `checked_at`; rows of entities the run no longer covers
   * are removed from the latest facts (their history stays until pruned).
   * Idempotent, so two replicas running the same job cannot corrupt it.
   */
  async store(
    retrieverId: string,
    version: string,
    rows: FactRow[],
    now: Date,
  ): Promise<{ changed: number }> {
    const previous = new Map<string, string>();
    for (const row of await this.db(FACTS)
      .where({ retriever_id: retrieverId })
      .select('entity_ref', 'fingerprint')) {
      previous.set(row.entity_ref, row.fingerprint);
    }

    const changed: Array<FactRow & { fingerprint: string }> = [];
    const unchanged: string[] = [];
    for (const row of rows) {
      const print = fingerprint(version, row.facts);
      if (previous.get(row.entityRef) === print) {
        unchanged.push(row.entityRef);
      } else {
        changed.push({ ...row, fingerprint: print });
      }
    }

    await this.db.transaction(async tx => {
      for (const chunk of chunks(changed)) {
        await tx(FACTS)
          .insert(
            chunk.map(row => ({
              entity_ref: row.entityRef,
              retriever_id: retrieverId,
              version,
              facts: JSON.stringify(row.facts),
              fingerprint: row.fingerprint,
              etag: row.etag ?? null,
              observed_at: now,
              checked_at: now,
            })),
          )
          .onConflict(['entity_ref', 'retriever_id'])
          .merge();
        await tx(HISTORY)
          .insert(
            chunk.map(row => ({
              entity_ref: row.entityRef,
              retriever_id: retrieverId,
              version,
              facts: JSON.stringify(row.facts),
              observed_at: now,
            })),
          )
          .onConflict(['entity_ref', 'retriever_id', 'observed_at'])
          .merge();
      }
      for (const chunk of chunks(unchanged, 900)) {
        await tx(FACTS)
          .where({ retriever_id: retrieverId })
          .whereIn('entity_ref', chunk)
          .update({ checked_at: now });
      }
      await tx(FACTS)
        .where({ retriever_id: retrieverId })
        .where('checked_at', '<', now)
        .delete();
    });
    return { changed: changed.length };
  }

  /** History of one entity, oldest first. */
  async history(
    entityRef: string,
  ): Promise<Array<Omit<StoredFacts, 'checkedAt' | 'etag'>>> {
    const rows = await this.db(HISTORY)
      .where({ entity_ref: entityRef })
      .orderBy('observed_at', 'asc')
      .select();
    return rows.map(row => ({
      entityRef: row.entity_ref,
      retrieverId: row.retriever_id,
      version: row.version,
      facts: JSON.parse(row.facts),
      observedAt: toDate(row.observed_at),
    }));
  }

  /**
   * Removes history rows older than `before` that a newer row replaced; the
   * newest row of each entity and retriever (the current value) stays
   * however old it is.
   */
  async pruneHistory(before: Date): Promise<number> {
    return this.db(HISTORY)
      .where('observed_at', '<', before)
      .whereExists(
        this.db(`${HISTORY} as newer`)
          .select(this.db.raw('1'))
          .whereRaw(`newer.entity_ref = ${HISTORY}.entity_ref`)
          .whereRaw(`newer.retriever_id = ${HISTORY}.retriever_id`)
          .whereRaw(`newer.observed_at > ${HISTORY}.observed_at`),
      )
      .delete();
  }
}

function toStored<T>(row: any): StoredFacts<T> {
  return {
    entityRef: row.entity_ref,
    retrieverId: row.retriever_id,
    version: row.version,
    facts: JSON.parse(row.facts) as T,
    etag: row.etag ?? undefined,
    observedAt: toDate(row.observed_at),
    checkedAt: toDate(row.checked_at),
  };
}
