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

import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createScoreValidateAction } from './validate';

describe('paved:score:validate', () => {
  const workspace = createMockDirectory();
  const action = createScoreValidateAction();
  beforeEach(() => workspace.clear());

  const run = (input: Record<string, unknown> = {}) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspace.path,
    });
    return { ctx, done: action.handler(ctx as any) };
  };

  const valid = [
    'apiVersion: score.dev/v1b1',
    'metadata: { name: web }',
    'containers:',
    '  main: { image: nginx }',
    '',
  ].join('\n');

  it('passes a valid file and outputs its workloads', async () => {
    workspace.setContent({ 'score.yaml': valid });
    const { ctx, done } = run();
    await done;
    expect(ctx.output).toHaveBeenCalledWith('workloads', ['web']);
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
  });

  it('fails with every problem and its line and column', async () => {
    workspace.setContent({
      'score.yaml': [
        'apiVersion: score.dev/v1b1',
        'metadata: { name: web }',
        'containers:',
        '  main:',
        '    image: nginx',
        '    variables:',
        '      DB: ${resources.db.host}',
        '    unknownField: true',
        '',
      ].join('\n'),
    });
    const { done } = run();
    await expect(done).rejects.toThrow(
      /score.yaml is not a valid Score file \(2 problems\)/,
    );
    await expect(done).rejects.toThrow(
      /score.yaml:7:\d+ containers.main.variables.DB: .*db/,
    );
    await expect(done).rejects.toThrow(
      /score.yaml:8:\d+ containers.main.unknownField/,
    );
  });

  it('says which file is missing', async () => {
    await expect(run({ paths: ['score.yaml'] }).done).rejects.toThrow(
      'score.yaml does not exist in the workspace',
    );
  });

  it('requires the named workload', async () => {
    workspace.setContent({ 'score.yaml': valid });
    await expect(run({ workload: 'api' }).done).rejects.toThrow(
      'no workload named "api" in score.yaml (workloads: web)',
    );
  });

  it('refuses paths outside the workspace', async () => {
    await expect(run({ paths: '../etc/passwd' }).done).rejects.toThrow(
      /outside/i,
    );
  });
});
