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
import { checkWorkload } from './semantics';
import { ScoreWorkload } from './types';
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

  it('leaves a ${ without closing brace as text, with a warning', () => {
    const unterminated = parsePlaceholders('host=${resources.db.host');
    expect(unterminated.placeholders).toEqual([]);
    expect(unterminated.errors).toEqual([]);
    expect(unterminated.warnings).toEqual([
      {
        offset: 5,
        text: '${resources.db.host',
        message:
          '"${resources.db.host" has no closing "}", so it is left as text, not substituted (write $$ for a literal $)',
      },
    ]);
    // A later `}` closes the first `${`: one malformed placeholder.
    expect(
      parsePlaceholders('${a ${metadata.name}').errors.map(e => e.text),
    ).toEqual(['${a ${metadata.name}']);
  });

  it('splits references on unescaped dots only', () => {
    expect(splitRefParts('metadata.annotations.my\\.org/key')).toEqual([
      'metadata',
      'annotations',
      'my.org/key',
    ]);
  });
});

/*
 * Test vectors of the Score reference implementation, score-spec/score-go:
 * framework/substitution_test.go (TestSubstituteString: which text is a
 * placeholder) and loader/validate_test.go (TestValidatePlaceholders:
 * which placeholders are malformed).
 */
describe('parsePlaceholders on the score-go test vectors', () => {
  const found = (text: string) => {
    const { placeholders, errors } = parsePlaceholders(text);
    return [
      ...placeholders.map(p => ({ at: p.start, ref: p.ref })),
      ...errors.map(e => ({ at: e.offset, ref: e.text.slice(2, -1) })),
    ]
      .sort((a, b) => a.at - b.at)
      .map(p => p.ref);
  };

  it.each([
    ['', []],
    ['abc', []],
    ['$abc', []],
    ['abc $$ abc', []],
    ['$${abc}', []],
    ['$$${abc}', ['abc']],
    ['$$$${abc}', []],
    ['$$$$${abc}', ['abc']],
    ['$${abc .4t3298y *(^&(*}', []],
    ['my name is ${metadata.name}', ['metadata.name']],
    ['my name is ${metadata.thing\\.two}', ['metadata.thing\\.two']],
    ['my name is ${}', ['']],
    [
      'postgresql://${resources.db.user}:${resources.db.password}@${resources.db.host}:${resources.db.port}/${resources.db.name}',
      [
        'resources.db.user',
        'resources.db.password',
        'resources.db.host',
        'resources.db.port',
        'resources.db.name',
      ],
    ],
  ])('finds the placeholders of %j as SubstituteString does', (text, refs) => {
    expect(found(text)).toEqual(refs);
  });

  it.each([
    'Placeholder ${resources.res-one.this has spaces!}',
    'Placeholder ${resources}',
    'Placeholder ${invalid!}',
    'my name is ${}',
    // Validate's pattern has no room for escaped dots or slashes.
    'my name is ${metadata.annotations.key\\.com/foo-bar}',
  ])('rejects %j as malformed, as loader.Validate does', text => {
    const { placeholders, errors } = parsePlaceholders(text);
    expect(placeholders).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe(
      `placeholder ${errors[0].text} is malformed, must contain at least two elements separated by ".", each element must be alphanumeric or contain "_" or "-"`,
    );
  });

  it.each([
    [
      'Placeholder ${resources.res-one.value}',
      ['resources', 'res-one', 'value'],
    ],
    ['${resources.res-one}', ['resources', 'res-one']],
    ['Placeholder ${cheese.res-one.value}', ['cheese', 'res-one', 'value']],
    ['${metadata.name}', ['metadata', 'name']],
    [
      '${resources.my_db.CONNECTION-URL}',
      ['resources', 'my_db', 'CONNECTION-URL'],
    ],
  ])(
    'accepts the syntax of %j (roots and resources are checked with the workload)',
    (text, parts) => {
      const { placeholders, errors } = parsePlaceholders(text);
      expect(errors).toEqual([]);
      expect(placeholders.map(p => p.parts)).toEqual([parts]);
    },
  );
});

describe('checkWorkload on the score-go validation vectors', () => {
  const workload = (
    variables: Record<string, string>,
    resources: ScoreWorkload['resources'] = {},
    files: NonNullable<ScoreWorkload['containers'][string]['files']> = {},
  ): ScoreWorkload => ({
    apiVersion: 'score.dev/v1b1',
    metadata: { name: 'hello-world' },
    containers: { hello: { image: 'busybox', variables, files } },
    resources,
  });
  const errors = (w: ScoreWorkload) =>
    checkWorkload(w)
      .issues.filter(i => i.severity === 'error')
      .map(i => `${i.code}: ${i.message}`);

  it('accepts the valid workload', () => {
    expect(
      errors(
        workload(
          {
            VAR_ONE: 'Placeholder ${resources.res-one.value}',
            VAR_TWO:
              'Placeholder ${resources.res-two.value} ${resources.res-two.other}',
            VAR_THREE: 'No placeholders',
            VAR_FOUR: 'Escaped $${resources.no-exists.value}',
          },
          {
            'res-one': { type: 'type-one' },
            'res-two': {
              type: 'type-two',
              params: { var: '${resources.res-one.value}' },
            },
          },
          {
            '/usr/local/four': { content: 'Escaped $${plaholder}' },
            '/usr/local/five': {
              content: 'Invalid placeholder with NoExpand: ${this is invalid}',
              noExpand: true,
            },
          },
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'Placeholder ${resources.res-one.this has spaces!}',
      'placeholder-syntax: placeholder ${resources.res-one.this has spaces!} is malformed',
    ],
    [
      'Placeholder ${resources}',
      'placeholder-syntax: placeholder ${resources} is malformed',
    ],
    [
      'Placeholder ${invalid!}',
      'placeholder-syntax: placeholder ${invalid!} is malformed',
    ],
    [
      'Placeholder ${resources.res-one.value}',
      'placeholder-unknown-resource: placeholder ${resources.res-one.value} names resource "res-one"',
    ],
    [
      'Placeholder ${cheese.res-one.value}',
      'placeholder-unknown-root: placeholder ${cheese.res-one.value} starts with "cheese"',
    ],
  ])('rejects %j', (value, message) => {
    const found = errors(workload({ INVALID: value }));
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(message)).toBe(true);
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
