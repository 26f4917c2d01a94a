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

import { parsePlaceholders, splitRefParts } from './placeholders';
import { isSecretLikeName } from './secrets';
import { scoreResourceUid } from './resourceUid';

describe('parsePlaceholders', () => {
  it('finds placeholders with their offsets and parts', () => {
    const { placeholders, errors } = parsePlaceholders(
      'redis://${resources.cache.host}:${resources.cache.port}/${metadata.name}',
    );
    expect(errors).toEqual([]);
    expect(placeholders.map(p => [p.raw, p.start, p.parts])).toEqual([
      ['${resources.cache.host}', 8, ['resources', 'cache', 'host']],
      ['${resources.cache.port}', 32, ['resources', 'cache', 'port']],
      ['${metadata.name}', 56, ['metadata', 'name']],
    ]);
  });

  it('treats $$ and $${...} as escapes, like score-go', () => {
    const { placeholders, errors } = parsePlaceholders(
      'echo $$HOME $${NOT_A_PLACEHOLDER} costs 5$ ${metadata.name}',
    );
    expect(errors).toEqual([]);
    expect(placeholders.map(p => p.ref)).toEqual(['metadata.name']);
  });

  it('reports an unterminated and an empty placeholder', () => {
    expect(parsePlaceholders('x ${}').errors[0].message).toMatch(
      /^empty placeholder \$\{\}/,
    );
    const unterminated = parsePlaceholders('host=${resources.db.host');
    expect(unterminated.errors).toEqual([
      {
        offset: 5,
        text: '${resources.db.host',
        message:
          'placeholder "${resources.db.host" has no closing "}" (write $$ for a literal $)',
      },
    ]);
  });

  it('splits references on unescaped dots only', () => {
    expect(splitRefParts('metadata.annotations.my\\.org/key')).toEqual([
      'metadata',
      'annotations',
      'my.org/key',
    ]);
  });
});

describe('isSecretLikeName', () => {
  it.each([
    'DB_PASSWORD',
    'apiKey',
    'GITHUB_TOKEN',
    'private-key',
    'CLIENT_SECRET',
    'AWS_SECRET_ACCESS_KEY',
    'pwd',
  ])('%s looks like a secret', name => {
    expect(isSecretLikeName(name)).toBe(true);
  });

  it.each([
    'PASSENGER_COUNT',
    'TOKENIZER_MODEL',
    'DB_HOST',
    'KEYBOARD',
    'PORT',
  ])('%s does not', name => {
    expect(isSecretLikeName(name)).toBe(false);
  });
});

describe('scoreResourceUid', () => {
  it('follows score-go NewResourceUid', () => {
    expect(scoreResourceUid('api', 'db', { type: 'postgres' })).toBe(
      'postgres.default#api.db',
    );
    expect(
      scoreResourceUid('api', 'db', {
        type: 'postgres',
        class: 'large',
        id: 'main',
      }),
    ).toBe('postgres.large#main');
  });
});
