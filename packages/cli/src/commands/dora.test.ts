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
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import pavedBackend from '@paved/plugin-paved-backend';
import { AddressInfo } from 'node:net';
import { captureOutput, runCli } from '../testing/cli';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

// Runs the real CLI against the real Paved backend plugin on a test backend:
// deployments go in with `paved deploy record`, metrics come out of
// `paved dora`.
describe('paved dora', () => {
  let baseUrl: string;
  const output = captureOutput();
  const token = mockCredentials.user.token();

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        pavedBackend,
        catalogServiceMock.factory({ entities: [checkout] }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const run = (...args: string[]) =>
    runCli('--base-url', baseUrl, '--token', token, ...args);
  const deploy = (id: string, finished: string, ...extra: string[]) =>
    run(
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
      ...extra,
    );

  it('says how to connect data when there is none', async () => {
    await run('dora', '--entity', 'component:default/checkout', '--days', '7');
    expect(output.stdout).toContain(
      'Deployment frequency             n/a    -     no production deployments in window',
    );
    expect(output.stdout).toContain(
      'Record them from CI with `paved deploy record`',
    );
  });

  it('prints the four keys and rework rate of an entity and of its team', async () => {
    // Run 5 has two records (one deployment, finishing 10:20); the commit
    // was made at 09:20: lead time 1 h. Run 6 was rolled back.
    await deploy(
      'ci-5a',
      '2026-09-10T10:00:00Z',
      '--pipeline-run',
      'ci/5',
      '--change',
      'a1b2c3d4@2026-09-10T09:20:00Z',
    );
    await deploy('ci-5b', '2026-09-10T10:20:00Z', '--pipeline-run', 'ci/5');
    await deploy('ci-6', '2026-09-11T10:00:00Z', '--rolled-back');
    output.stdout = '';

    await run(
      'dora',
      '--entity',
      'checkout',
      '--from',
      '2026-09-07',
      '--to',
      '2026-09-13',
    );
    const lines = output.stdout.split('\n');
    expect(lines[0]).toBe(
      'DORA metrics of component:default/checkout, 2026-09-07 to 2026-09-13 (7 days, UTC)',
    );
    // 2 deployments in 7 days = 2/week → high; 1 of 2 rolled back = 50 %.
    expect(output.stdout).toMatch(
      /Deployment frequency\s+2\.0\/week\s+high\s+2 deployments\n/,
    );
    expect(output.stdout).toMatch(
      /Lead time for changes\s+1\.0 h\s+elite\s+1 commit\n/,
    );
    expect(output.stdout).toMatch(
      /Change failure rate\s+50 %\s+low\s+2 deployments, 1 failed change\n/,
    );
    expect(output.stdout).toMatch(
      /Failed deployment recovery time\s+n\/a\s+-\s+no incidents resolved in window/,
    );
    // Rolled back is a failure of ci-6, not a rollback deployment: no
    // rework. Rework rate has no band, and the output says why.
    expect(output.stdout).toMatch(
      /Deployment rework rate\s+0 %\s+-\s+2 deployments, 0 unplanned\n/,
    );
    expect(output.stdout).toContain(
      'DORA publishes no bands for deployment rework rate yet.',
    );

    output.stdout = '';
    await run(
      'dora',
      '--group',
      'team-a',
      '--from',
      '2026-09-07',
      '--to',
      '2026-09-13',
      '--json',
    );
    const report = JSON.parse(output.stdout);
    expect(report).toMatchObject({
      scope: { type: 'group', ref: 'group:default/team-a' },
      entityCount: 1,
      metrics: {
        deploymentFrequency: { sampleCount: 2, perWeek: 2 },
        leadTime: { value: 3600 },
        changeFailureRate: { value: 0.5 },
      },
    });

    output.stdout = '';
    await run('dora', '--org', '--from', '2026-09-07', '--to', '2026-09-13');
    expect(output.stdout).toMatch(
      /team\s+group:default\/team-a\s+2\.0\/week high\s+1\.0 h elite\s+50 % low\s+n\/a\s+0 %\n/,
    );
    expect(output.stdout).toMatch(/component\s+component:default\/checkout/);
  });

  it('needs exactly one of entity, group, system or org', async () => {
    await expect(
      run('dora', '--entity', 'checkout', '--group', 'team-a'),
    ).rejects.toThrow(
      'pass exactly one of --entity <ref>, --group <ref>, --system <ref> or --org',
    );
    await expect(
      run('dora', '--entity', 'checkout', '--days', '0'),
    ).rejects.toThrow('must be a whole number from 1 to 1100');
    await expect(
      run('dora', '--entity', 'checkout', '--from', '2026-02-30'),
    ).rejects.toThrow("from '2026-02-30' is not a valid date");
  });
});
