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
import { PermissionRuleParams } from '@backstage/plugin-permission-common';
import { conditionsToPredicate, requestEntityRef } from './EntityAccess';

const condition = (rule: string, params: PermissionRuleParams) => ({
  rule,
  resourceType: 'catalog-entity',
  params,
});

describe('conditionsToPredicate', () => {
  it("turns the catalog's rules into the catalog's predicate query", () => {
    expect(
      conditionsToPredicate({
        anyOf: [
          condition('IS_ENTITY_OWNER', { claims: ['group:default/team-a'] }),
          {
            allOf: [
              condition('IS_ENTITY_KIND', { kinds: ['System'] }),
              { not: condition('HAS_ANNOTATION', { annotation: 'x/y' }) },
            ],
          },
        ],
      }),
    ).toEqual({
      $any: [
        { 'relations.ownedBy': { $in: ['group:default/team-a'] } },
        {
          $all: [
            { kind: { $in: ['system'] } },
            { $not: { 'metadata.annotations.x/y': { $exists: true } } },
          ],
        },
      ],
    });
  });

  it('matches nothing for an owner rule without claims', () => {
    expect(
      conditionsToPredicate(condition('IS_ENTITY_OWNER', { claims: [] })),
    ).toEqual({ $any: [] });
  });

  it('refuses a rule it cannot turn into a query rather than ignore it', () => {
    expect(() =>
      conditionsToPredicate(condition('IS_IN_MY_SITE_LIST', {})),
    ).toThrow(/IS_IN_MY_SITE_LIST' is not one of the catalog's built-in rules/);
  });
});

describe('requestEntityRef', () => {
  it('normalises refs with Component as the default kind', () => {
    expect(requestEntityRef('Checkout', 'entity')).toBe(
      'component:default/checkout',
    );
    expect(requestEntityRef(undefined, 'entity')).toBeUndefined();
    expect(() => requestEntityRef('component:', 'entityRef')).toThrow(
      "entityRef 'component:' is not an entity ref",
    );
  });
});
