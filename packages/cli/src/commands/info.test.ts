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
import pavedBackend from '@paved/plugin-paved-backend';
import { AddressInfo } from 'node:net';
import { captureOutput, runCli as run } from '../testing/cli';

// Runs the real CLI against the real Paved backend plugin on a test backend.
describe('paved info', () => {
  let baseUrl: string;
  const output = captureOutput();

  beforeAll(async () => {
    const { server } = await startTestBackend({ features: [pavedBackend] });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  it('prints the backend version, database and providers', async () => {
    await run(
      'info',
      '--base-url',
      baseUrl,
      '--token',
      mockCredentials.user.token(),
    );
    expect(output.stdout).toMatch(
      /^Paved \d+\.\d+\.\d+ at http:\/\/localhost:\d+/,
    );
    expect(output.stdout).toContain('Database:     sqlite');
    expect(output.stdout).toContain('Providers:    none');
  });

  it('prints JSON with --json and reads the token from PAVED_TOKEN', async () => {
    process.env.PAVED_TOKEN = mockCredentials.user.token();
    try {
      await run('--base-url', baseUrl, 'info', '--json');
    } finally {
      delete process.env.PAVED_TOKEN;
    }
    const info = JSON.parse(output.stdout);
    expect(info).toMatchObject({ database: 'sqlite', providers: [] });
  });

  it('reports a rejected token with the backend message', async () => {
    await expect(
      run('info', '--base-url', baseUrl, '--token', 'not-a-valid-token'),
    ).rejects.toThrow(/401/);
  });

  it('explains what to do when the backend cannot be reached', async () => {
    await expect(
      run('info', '--base-url', 'http://localhost:1'),
    ).rejects.toThrow(/cannot reach the backend at http:\/\/localhost:1/);
  });
});
