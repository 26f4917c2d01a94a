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
import { teamResolver } from './teams';

describe('teamResolver', () => {
  const g = (name: string) => `group:default/${name}`;
  const teamsOf = teamResolver(
    [
      [g('engineering'), null],
      [g('payments'), g('engineering')],
      [g('payments-api'), g('payments')],
      // A broken tree: a cycle must not loop.
      [g('a'), g('b')],
      [g('b'), g('a')],
    ],
    [['system:default/billing', g('payments')]],
  );

  it('counts an entity for its owner and the owner’s parents', () => {
    expect(teamsOf(g('payments-api'), null)).toEqual([
      g('payments-api'),
      g('payments'),
      g('engineering'),
    ]);
  });

  it('adds the owner of its system and that owner’s parents', () => {
    expect(teamsOf(g('finance-ops'), 'system:default/billing')).toEqual([
      g('finance-ops'),
      g('payments'),
      g('engineering'),
    ]);
  });

  it('puts an entity without any owner in the no-owner row', () => {
    expect(teamsOf(null, 'system:default/unknown')).toEqual([null]);
  });

  it('stops at a cycle', () => {
    expect(teamsOf(g('a'), null)).toEqual([g('a'), g('b')]);
  });
});
