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
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import pavedBackend from '@paved/plugin-paved-backend';
import { AddressInfo } from 'node:net';
import { captureOutput, runCli } from '../testing/cli';

const checkout = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'acme/checkout' },
  },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

// Runs the real CLI against the real Paved backend plugin on a test backend.
describe('paved deploy record / paved deployments list', () => {
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

  it('records a deployment from CI and lists it for the entity', async () => {
    await run(
      'deploy',
      'record',
      '--subject',
      'github.com/project-slug=acme/checkout',
      '--source',
      'jenkins',
      '--id',
      'build-17',
      '--env',
      'production',
      '--status',
      'in_progress',
      '--release',
      'v2.0.0',
      '--commit',
      '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      '--started-at',
      '2026-11-20T10:00:00Z',
    );
    expect(output.stdout).toMatch(
      /^Recorded deployment [0-9a-f-]{36}: github.com\/project-slug=acme\/checkout to production \(in_progress\)\n$/,
    );

    output.stdout = '';
    await run(
      'deploy',
      'record',
      '--subject',
      'github.com/project-slug=acme/checkout',
      '--source',
      'jenkins',
      '--id',
      'build-17',
      '--env',
      'production',
      '--status',
      'success',
      '--started-at',
      '2026-11-20T10:00:00Z',
      '--finished-at',
      '2026-11-20T10:03:00Z',
    );
    expect(output.stdout).toMatch(/^Updated deployment .* \(success\)/);

    output.stdout = '';
    await run('deployments', 'list', '--entity', 'component:default/checkout');
    const lines = output.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^STARTED \(UTC\)\s+ENVIRONMENT\s+STATUS\s+VERSION\s+SOURCE\s+ENTITY$/,
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^2026-11-20 10:00\s+production \(prod\)\s+success\s+v2\.0\.0\s+api:user:default\/mock\/jenkins\s+github\.com\/project-slug=acme\/checkout$/,
      ),
    ]);

    output.stdout = '';
    await run('deployments', 'list', '--entity', 'checkout', '--json');
    const items = JSON.parse(output.stdout);
    expect(items).toEqual([
      expect.objectContaining({
        externalId: 'build-17',
        status: 'success',
        finishedAt: '2026-11-20T10:03:00.000Z',
        commitSha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      }),
    ]);

    output.stdout = '';
    await run(
      'deployments',
      'list',
      '--entity',
      'checkout',
      '--env',
      'staging',
    );
    expect(output.stdout).toMatch(/^No deployments recorded yet/);
  });

  it('prints server-provided text without terminal control characters', async () => {
    // eslint-disable-next-line no-control-regex -- what must not be printed
    const controls = /[\u001b\u0007\u009b\u202e]/;
    // ESC [2J clears the screen, OSC 0 sets the window title, U+009B is a
    // one-character CSI, U+202E reverses what follows.
    await run(
      'deploy',
      'record',
      '--entity',
      'component:default/checkout',
      '--id',
      'build-18',
      '--env',
      'staging\u001b[2J\u001b]0;pwned\u0007',
      '--status',
      'success',
      '--release',
      'v\u009b31m2\u202e',
      '--started-at',
      '2026-11-21T10:00:00Z',
    );
    output.stdout = '';
    await run('deployments', 'list', '--entity', 'checkout');
    expect(output.stdout).not.toMatch(controls);
    expect(output.stdout).toMatch(/staging\[2J\]0;pwned\s+success\s+v31m2\s/);

    // JSON keeps the text, escaped.
    output.stdout = '';
    await run('deployments', 'list', '--entity', 'checkout', '--json');
    expect(output.stdout).not.toMatch(controls);
    const [latest] = JSON.parse(output.stdout);
    expect(latest).toMatchObject({
      environment: 'staging\u001b[2J\u001b]0;pwned\u0007',
      version: 'v\u009b31m2\u202e',
    });
  });

  it('explains missing or invalid options before calling the backend', async () => {
    await expect(
      run(
        'deploy',
        'record',
        '--id',
        '1',
        '--env',
        'prod',
        '--status',
        'success',
      ),
    ).rejects.toThrow(/--entity <ref> or --subject/);
    await expect(
      run(
        'deploy',
        'record',
        '--entity',
        'x',
        '--id',
        '1',
        '--env',
        'prod',
        '--status',
        'done',
      ),
    ).rejects.toThrow(/Allowed choices are pending, in_progress, success/);
    await expect(
      run('deployments', 'list', '--entity', 'x', '--since', 'yesterday'),
    ).rejects.toThrow(/'yesterday' is not an ISO 8601 time/);
  });

  it('reports the backend refusal when the policy denies recording', async () => {
    const { server } = await startTestBackend({
      features: [
        pavedBackend,
        catalogServiceMock.factory({ entities: [checkout] }),
        // AuthorizeResult.DENY
        mockServices.permissions.factory({ result: 'DENY' as any }),
      ],
    });
    const denied = `http://localhost:${(server.address() as AddressInfo).port}`;
    await expect(
      runCli(
        '--base-url',
        denied,
        '--token',
        token,
        'deploy',
        'record',
        '--entity',
        'checkout',
        '--id',
        '1',
        '--env',
        'prod',
        '--status',
        'success',
      ),
    ).rejects.toThrow(/403 Forbidden/);
  });
});
