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
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import pavedBackend from '@paved/plugin-paved-backend';
import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { captureOutput, runCli } from '../testing/cli';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

// The real CLI against the real Paved backend plugin: deployments go in
// with `paved deploy record`, the report comes out of `paved report`.
describe('paved report', () => {
  let baseUrl: string;
  const output = captureOutput();
  const token = mockCredentials.user.token();
  const dir = createMockDirectory();

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        pavedBackend,
        catalogServiceMock.factory({ entities: [checkout] }),
        mockServices.rootConfig.factory({
          data: { paved: { dora: { productionEnvironments: ['production'] } } },
        }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const run = (...args: string[]) =>
    runCli('--base-url', baseUrl, '--token', token, ...args);

  it('prints the month as Markdown with every figure linked to the portal', async () => {
    for (const [id, finished] of [
      ['r-1', '2026-10-12T10:00:00Z'],
      ['r-2', '2026-11-03T10:00:00Z'],
      ['r-3', '2026-11-20T10:00:00Z'],
    ]) {
      await run(
        'deploy',
        'record',
        '--entity',
        'component:default/checkout',
        '--id',
        id,
        '--env',
        'production',
        '--status',
        'success',
        '--started-at',
        new Date(Date.parse(finished) - 600000).toISOString(),
        '--finished-at',
        finished,
      );
    }
    output.stdout = '';
    await run(
      'report',
      '--month',
      '2026-11',
      '--portal-url',
      'https://portal.example',
    );
    expect(output.stdout).toContain('# Platform report — November 2026');
    expect(output.stdout).toContain(
      'In November 2026 there were 2 production deployments (+1 on October 2026), with no lead time for changes to report.',
    );
    expect(output.stdout).toContain(
      '| [group:default/team-a](https://portal.example/catalog/default/group/team-a) | Production deployments | [2](https://portal.example/paved) | [1](https://portal.example/paved) | [+1](https://portal.example/paved) |',
    );
  });

  it('writes printable HTML to a file', async () => {
    const file = dir.resolve('report.html');
    await run(
      'report',
      '--month',
      '2026-11',
      '--format',
      'html',
      '--out',
      file,
    );
    const html = await readFile(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@media print');
    expect(html).toContain(`<a href="${baseUrl}/paved">2</a>`);
    expect(output.stderr).toContain(`wrote the 2026-11 report to ${file}`);
  });

  it('refuses a month that is not YYYY-MM before calling the backend', async () => {
    await expect(run('report', '--month', '11-2026')).rejects.toThrow(
      "--month must be a month as YYYY-MM, e.g. 2026-11 (got '11-2026')",
    );
  });

  it("shows the backend's reason for a month that has not started", async () => {
    await expect(run('report', '--month', '2999-01')).rejects.toThrow(
      /month 2999-01 has not started yet/,
    );
  });
});
