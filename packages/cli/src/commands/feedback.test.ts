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

jest.setTimeout(60_000);

// Runs the real CLI against the real Paved backend plugin on a test backend.
describe('paved feedback list / submit / vote', () => {
  let baseUrl: string;
  const output = captureOutput();
  const jane = mockCredentials.user.token('user:default/jane');
  const sam = mockCredentials.user.token('user:default/sam');

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        pavedBackend,
        catalogServiceMock.factory({ entities: [checkout] }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const run = (token: string, ...args: string[]) =>
    runCli('--base-url', baseUrl, '--token', token, ...args);

  it('submits as the signed-in user, votes once, withdraws, and lists by votes', async () => {
    await run(
      jane,
      'feedback',
      'submit',
      '--title',
      'Faster CI',
      '--description',
      'Builds take 20 minutes',
      '--entity',
      'checkout',
      '--json',
    );
    const created = JSON.parse(output.stdout);
    expect(created).toMatchObject({
      title: 'Faster CI',
      submitter: 'user:default/jane',
      entityRef: 'component:default/checkout',
      votes: 0,
    });

    output.stdout = '';
    await run(
      jane,
      'feedback',
      'submit',
      '--title',
      'Better docs',
      '--description',
      'Hard to find',
    );
    expect(output.stdout).toMatch(
      /^Submitted feedback [0-9a-f-]{36}: Better docs\n$/,
    );

    output.stdout = '';
    await run(sam, 'feedback', 'vote', created.id);
    expect(output.stdout).toBe('Voted for Faster CI: 1 vote\n');
    // The error the user sees carries the server's reason.
    await expect(run(sam, 'feedback', 'vote', created.id)).rejects.toThrow(
      `Request failed with 409 Conflict: You have already voted for request ${created.id}`,
    );

    output.stdout = '';
    await run(sam, 'feedback', 'list');
    const lines = output.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^VOTES\s+STATUS\s+ID\s+TITLE\s+ABOUT$/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^1\\*\\s+new\\s+${created.id}\\s+Faster CI\\s+component:default/checkout$`,
      ),
    );
    expect(lines[2]).toMatch(/^0\s+new\s+\S+\s+Better docs\s+-$/);
    expect(lines[3]).toBe('* your vote');

    output.stdout = '';
    await run(sam, 'feedback', 'vote', created.id, '--withdraw');
    expect(output.stdout).toBe('Withdrew your vote for Faster CI: 0 votes\n');

    output.stdout = '';
    await run(sam, 'feedback', 'list', '--search', 'docs', '--json');
    const page = JSON.parse(output.stdout);
    expect(page.totalCount).toBe(1);
    expect(page.items[0].title).toBe('Better docs');
  });

  it('refuses a bad sort before calling the server', async () => {
    await expect(
      run(jane, 'feedback', 'list', '--sort', 'loudest'),
    ).rejects.toThrow(/Allowed choices are votes, recent, theme/);
  });
});
