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
import { isPostgresClient } from './dialect';

/**
 * `column IN (values)` with the values as one JSON parameter, so a list of
 * tens of thousands of entity refs stays within the databases' limits on
 * bound parameters (PostgreSQL 65535, SQLite 32766).
 */
export function whereInList(
  db: Knex,
  query: Knex.QueryBuilder,
  column: string,
  values: readonly string[],
): Knex.QueryBuilder {
  if (!values.length) return query.whereRaw('1 = 0');
  const list = JSON.stringify(values);
  return isPostgresClient(db)
    ? query.whereRaw('?? IN (SELECT jsonb_array_elements_text(?::jsonb))', [
        column,
        list,
      ])
    : query.whereRaw('?? IN (SELECT value FROM json_each(?))', [column, list]);
}
