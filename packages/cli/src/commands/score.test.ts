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
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { captureOutput, runCli as run } from '../testing/cli';

const examples = resolve(__dirname, '../../../../examples/score');
const demoFiles = [
  'frontend.score.yaml',
  'catalog-api.score.yaml',
  'orders.score.yaml',
  'worker.score.yaml',
].map(f => join(examples, f));

describe('paved score', () => {
  const output = captureOutput();

  const writeTemp = (name: string, content: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-score-'));
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('accepts the demo workloads together', async () => {
    await run('score', 'validate', ...demoFiles);
    expect(output.stdout).toContain('OK: 4 workload(s) in 4 file(s)');
    expect(process.exitCode).toBeUndefined();
  });

  it('reports every problem with file, line, column and path, and exits 1', async () => {
    const file = writeTemp(
      'broken.score.yaml',
      `apiVersion: score.dev/v1b1
metadata:
  name: broken
containers:
  main:
    image: nginx
    variables:
      DB_HOST: \${resources.db.host}
      BAD: \${nope.thing}
`,
    );
    await run('score', 'validate', file);
    expect(process.exitCode).toBe(1);
    expect(output.stdout).toMatch(
      new RegExp(
        `${file}:8:\\d+ containers\\.main\\.variables\\.DB_HOST: .*"db"`,
      ),
    );
    expect(output.stdout).toMatch(
      new RegExp(`${file}:9:\\d+ containers\\.main\\.variables\\.BAD: `),
    );
    expect(output.stdout).toMatch(/2 error\(s\)/);
  });

  it('prints machine-readable problems with --json', async () => {
    const file = writeTemp(
      'bad.yaml',
      'apiVersion: score.dev/v1b1\nmetadata: {}\n',
    );
    await run('score', 'validate', '--json', file);
    const out = JSON.parse(output.stdout);
    expect(out.valid).toBe(false);
    expect(out.problems.length).toBeGreaterThan(0);
    expect(out.problems[0]).toEqual(
      expect.objectContaining({
        file,
        line: expect.any(Number),
        column: expect.any(Number),
        path: expect.any(String),
        message: expect.any(String),
      }),
    );
    expect(process.exitCode).toBe(1);
  });

  it('prints the entities the processor would emit, as YAML', async () => {
    await run(
      'score',
      'entities',
      '--owner',
      'group:default/fallback',
      ...demoFiles,
    );
    const entities = parseAllDocuments(output.stdout).map(
      d => d.toJS() as Entity,
    );
    const refs = entities.map(e => `${e.kind}:${e.metadata.name}`);
    expect(refs).toEqual(
      expect.arrayContaining([
        'Component:orders-service',
        'Component:catalog-api',
        'Component:shop-frontend',
        'Component:fulfilment-worker',
        'Resource:postgres-shop-db',
      ]),
    );
    // A shared resource appears once even though several workloads use it.
    expect(refs.filter(r => r === 'Resource:postgres-shop-db')).toHaveLength(1);
    const orders = entities.find(e => e.metadata.name === 'orders-service')!;
    expect(orders.spec?.dependsOn).toEqual(
      expect.arrayContaining([
        'resource:default/postgres-shop-db',
        'component:default/catalog-api',
      ]),
    );
  });

  it('refuses to print entities for invalid files', async () => {
    const file = writeTemp('bad.yaml', 'apiVersion: score.dev/v1b1\n');
    await expect(run('score', 'entities', file)).rejects.toThrow(/error\(s\)/);
    expect(output.stderr).toContain(file);
  });

  it('says which file it cannot read', async () => {
    await expect(
      run('score', 'validate', '/nonexistent/score.yaml'),
    ).rejects.toThrow(/cannot read \/nonexistent\/score.yaml/);
  });
});
