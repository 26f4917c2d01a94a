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
import { Knex } from 'knex';
import { whereInList } from '../database/inList';
import { VisibleEntities } from '../http/EntityAccess';

/**
 * The ledger records a caller may list: those linked to one of their
 * visible entities, and unlinked ones naming a link key such an entity
 * claims.
 */
export type LedgerVisibility = { entityRefs: string[]; linkKeys: string[] };

/** The ledger filter for what a caller sees; undefined when it is all. */
export function ledgerVisibility(
  visible: VisibleEntities,
): LedgerVisibility | undefined {
  if (visible.all) return undefined;
  return {
    entityRefs: visible.entities.map(e => e.ref),
    linkKeys: [...new Set(visible.entities.flatMap(e => e.linkKeys))],
  };
}

/** Limits a query on a ledger table (entity_ref, subject) to `visibleTo`. */
export function whereVisibleTo(
  db: Knex,
  query: Knex.QueryBuilder,
  visibleTo: LedgerVisibility | undefined,
): void {
  if (!visibleTo) return;
  query.where(q => {
    whereInList(db, q, 'entity_ref', visibleTo.entityRefs);
    q.orWhere(unlinked =>
      whereInList(
        db,
        unlinked.whereNull('entity_ref'),
        'subject',
        visibleTo.linkKeys,
      ),
    );
  });
}
