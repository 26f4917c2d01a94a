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
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateWithoutPositions } from './fastPath';
import { parseScoreFile } from './parse';
import { validateScoreFiles } from './validate';

const fixtures = resolve(__dirname, '__fixtures__');
const examples = resolve(__dirname, '../../../../examples/score');
const files = [
  ...readdirSync(fixtures).map(f => join(fixtures, f)),
  ...readdirSync(examples)
    .filter(f => f.endsWith('.score.yaml'))
    .map(f => join(examples, f)),
].map(file => ({ file, content: readFileSync(file, 'utf8') }));

const full = (input: { file: string; content: string }) =>
  validateScoreFiles([parseScoreFile(input.file, input.content)]);
const fast = (input: { file: string; content: string }) =>
  validateWithoutPositions([input], {}, validateScoreFiles);

// The fast path may only answer when the full parser finds nothing, and then
// must give the very same workloads.
const valid = files.filter(f => full(f).problems.length === 0);
const invalid = files.filter(f => full(f).problems.length > 0);
const named = (list: typeof files) =>
  list.map(f => [f.file.split('/').pop(), f] as const);

describe('validateWithoutPositions', () => {
  it('is exercised on both valid and invalid real files', () => {
    expect(valid.length).toBeGreaterThan(5);
    expect(invalid.length).toBeGreaterThan(0);
  });

  it.each(named(valid))(
    'gives the same workloads as the full parser for %s',
    (_name, input) => {
      expect(fast(input)?.workloads).toEqual(full(input).workloads);
    },
  );

  it.each(named(invalid))(
    'leaves %s, where the full parser reports problems, to the full parser',
    (_name, input) => {
      expect(fast(input)).toBeUndefined();
    },
  );

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a duplicate key', 'apiVersion: score.dev/v1b1\napiVersion: x\n'],
    ['a binary tag', 'x: !!binary aGVsbG8=\n'],
    ['a YAML syntax error', 'a: [1, 2\n'],
    ['a problem only the validator finds', 'apiVersion: score.dev/v1b1\n'],
  ])('leaves a file with %s to the full parser', (_name, content) => {
    expect(fast({ file: 'f.yaml', content })).toBeUndefined();
  });

  it('leaves deprecated list forms to the full parser, which warns', () => {
    const content = `apiVersion: score.dev/v1b1
metadata: {name: web}
containers:
  main:
    image: nginx
    files:
      - target: /etc/x
        content: hi
`;
    expect(fast({ file: 'f.yaml', content })).toBeUndefined();
    expect(full({ file: 'f.yaml', content }).problems[0].code).toBe(
      'deprecated-form',
    );
  });
});
