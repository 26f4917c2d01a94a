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
import { isPostgres } from './sql';

type Scope = { sql: string; bindings: unknown[] };

/**
 * A scope condition (see scopeSql) further limited to the entities a
 * caller may see: on `x.entity_id` for the roll-up tables, on
 * `x.entity_ref` for the ledger's incidents. The refs travel as one JSON
 * parameter, so any number of them fits. `undefined` refs: no limit.
 */
export function visibleScope(
  db: Knex,
  scope: Scope,
  table: 'rollup' | 'incidents',
  visibleEntityRefs: readonly string[] | undefined,
): Scope {
  if (!visibleEntityRefs) return scope;
  const refs = isPostgres(db)
    ? 'SELECT jsonb_array_elements_text(CAST(? AS jsonb))'
    : 'SELECT value FROM json_each(?)';
  const sql =
    table === 'rollup'
      ? `x.entity_id IN (SELECT id FROM paved_dora_entities WHERE entity_ref IN (${refs}))`
      : `x.entity_ref IN (${refs})`;
  return {
    sql: `(${scope.sql}) AND ${sql}`,
    bindings: [...scope.bindings, JSON.stringify(visibleEntityRefs)],
  };
}
