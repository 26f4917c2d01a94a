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
import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerValidateScoreAction } from './validateScore';

const examples = join(__dirname, '../../../../examples/score');

describe('validate-score', () => {
  const registry = actionsRegistryServiceMock();
  registerValidateScoreAction(registry);
  const validate = (input: { text: string; file?: string }) =>
    registry.invoke({
      id: 'test:validate-score',
      input,
      credentials: mockCredentials.user(),
    });

  it('passes a real Score file and names its workload', async () => {
    const text = readFileSync(join(examples, 'orders.score.yaml'), 'utf8');
    await expect(validate({ text })).resolves.toEqual({
      output: { valid: true, workloads: ['orders-service'], problems: [] },
    });
  });

  it('locates every problem of a broken file, against the given name', async () => {
    const { output } = await validate({
      file: 'svc/score.yaml',
      text: 'apiVersion: score.dev/v1b1\nmetadata:\n  name: x\ncontainers:\n  main:\n    image: 42\n    variables:\n      A: ${resources.nope.host}\n',
    });
    expect(output).toEqual({
      valid: false,
      workloads: [],
      problems: expect.arrayContaining([
        expect.objectContaining({
          file: 'svc/score.yaml',
          line: 6,
          path: 'containers.main.image',
          severity: 'error',
        }),
        expect.objectContaining({
          line: 8,
          code: 'placeholder-unknown-resource',
        }),
      ]),
    });
  });

  it('refuses empty text, naming the field', async () => {
    await expect(validate({ text: '' })).rejects.toThrow(/text/);
  });
});
