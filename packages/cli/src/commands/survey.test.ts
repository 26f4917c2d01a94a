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

// Runs the real CLI against the real Paved backend plugin on a test backend,
// with the survey in an in-memory catalog.
describe('paved survey', () => {
  let baseUrl: string;
  const output = captureOutput();

  const users = Array.from({ length: 6 }, (_, i) => `user:default/dev${i}`);

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        pavedBackend,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'paved.dev/v1alpha1',
              kind: 'Survey',
              metadata: {
                name: 'platform-nps',
                namespace: 'default',
                title: 'Platform satisfaction',
              },
              spec: {
                question: 'How likely are you to recommend the platform?',
                followUp: 'What should we improve?',
                subject: 'platform',
                period: 'quarterly',
                minimumAnswers: 5,
              },
            },
            ...users.map(ref => ({
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: ref.split('/')[1], namespace: 'default' },
              spec: {},
            })),
          ],
        }),
        mockServices.rootConfig.factory({
          data: { paved: { surveys: { secret: 'cli-test' } } },
        }),
      ],
    });
    baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  });

  const run = (user: string, ...args: string[]) =>
    runCli(
      '--base-url',
      baseUrl,
      '--token',
      mockCredentials.user.token(user),
      ...args,
    );

  it('lists surveys', async () => {
    await run(users[0], 'survey', 'list');
    expect(output.stdout).toMatch(
      /^survey:default\/platform-nps {2}\[open\] \d{4}-Q[1-4] {2}Platform satisfaction\n {4}How likely/,
    );
  });

  it('answers, changes the answer, and shows results once there are enough', async () => {
    await run(users[0], 'survey', 'answer', 'platform-nps', '--score', '9');
    expect(output.stdout).toMatch(
      /^Recorded your answer to survey:default\/platform-nps for \d{4}-Q[1-4] \(anonymous\)\.\n$/,
    );
    output.stdout = '';
    await run(
      users[0],
      'survey',
      'answer',
      'default/platform-nps',
      '--score',
      '10',
      '--comment',
      'Great <b>docs</b>',
    );
    expect(output.stdout).toMatch(/^Changed your answer/);

    output.stdout = '';
    await run(users[1], 'survey', 'results', 'platform-nps');
    expect(output.stdout).toMatch(/ too few answers\n$/);
    expect(output.stdout).not.toMatch(/Great/);

    for (const [i, score] of [
      [1, 9],
      [2, 7],
      [3, 3],
      [4, 10],
    ]) {
      await run(
        users[i],
        'survey',
        'answer',
        'survey:default/platform-nps',
        '--score',
        String(score),
      );
    }
    output.stdout = '';
    await run(users[1], 'survey', 'results', 'platform-nps');
    // 3 promoters (10, 9, 10), 1 passive, 1 detractor of 5 → +40.
    expect(output.stdout).toMatch(/\d{4}-Q[1-4]\s+\+40\s+5\s+3\s+1\s+1\s+83%/);
    expect(output.stdout).toContain('Comments (');
    expect(output.stdout).toContain('  - Great <b>docs</b>');

    output.stdout = '';
    await run(users[1], 'survey', 'results', 'platform-nps', '--json');
    const json = JSON.parse(output.stdout);
    expect(json.periods[0]).toMatchObject({
      responses: 5,
      nps: 40,
      comments: ['Great <b>docs</b>'],
    });

    output.stdout = '';
    await run(users[1], 'survey', 'results', 'platform-nps', '--csv');
    expect(output.stdout.split('\n')[0]).toBe(
      'survey,period,demo,responses,promoters,passives,detractors,nps,response_rate,note',
    );
    expect(output.stdout.split('\n')[1]).toMatch(/,false,5,3,1,1,40,0\.833,$/);

    output.stdout = '';
    await run(users[0], 'survey', 'list');
    expect(output.stdout).toContain('[answered]');
  });

  it('rejects a score outside 0–10 before calling the backend', async () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    await expect(
      run(users[0], 'survey', 'answer', 'platform-nps', '--score', '11'),
    ).rejects.toThrow(/0 to 10/);
  });

  it('reports an unknown survey with the backend message', async () => {
    await expect(
      run(users[0], 'survey', 'answer', 'nope', '--score', '5'),
    ).rejects.toThrow(/No survey default\/nope/);
  });
});
