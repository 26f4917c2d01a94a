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
import { Entity } from '@backstage/catalog-model';

/**
 * A card filter from the extension data the entity card blueprint gives:
 * the function wins; a string expression (the older `kind:component`
 * form, still accepted in config) is matched term by term: every
 * `key:value[,value]` term must match, case-insensitively, for `kind`,
 * `type` (spec.type) and `namespace`. An unknown key never matches.
 */
export function cardFilter(
  filterFunction?: (entity: Entity) => boolean,
  filterExpression?: string,
): ((entity: Entity) => boolean) | undefined {
  if (filterFunction) return filterFunction;
  if (!filterExpression) return undefined;
  const lower = (value: unknown) =>
    typeof value === 'string' ? value.toLocaleLowerCase('en-US') : undefined;
  const terms = filterExpression
    .split(/\s+/)
    .filter(Boolean)
    .map(term => {
      const [key, values = ''] = term.split(':', 2);
      return {
        key: key.toLocaleLowerCase('en-US'),
        values: values.split(',').map(v => v.toLocaleLowerCase('en-US')),
      };
    });
  const fields: Record<string, (entity: Entity) => unknown> = {
    kind: entity => entity.kind,
    type: entity => entity.spec?.type,
    namespace: entity => entity.metadata.namespace ?? 'default',
  };
  return (entity: Entity) =>
    terms.every(({ key, values }) => {
      const actual = fields[key] ? lower(fields[key](entity)) : undefined;
      return actual !== undefined && values.includes(actual);
    });
}
