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
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import recordedTasks from './__fixtures__/scaffolder/tasks.json';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';
import { summarizeTemplateRuns } from './templateUsage';

const server = setupServer();
registerMswTestHooks(server);
const BASE = 'http://scaffolder.test/api/scaffolder';

const reader = () =>
  new ScaffolderTaskReader({
    discovery: mockServices.discovery.mock({ getBaseUrl: async () => BASE }),
    auth: mockServices.auth(),
  });

describe('ScaffolderTaskReader', () => {
  it('reads the recorded task history: template, status, time and component name only', async () => {
    server.use(
      http.get(`${BASE}/v2/tasks`, () => HttpResponse.json(recordedTasks)),
    );
    const tasks = await reader().listSince(new Date('2026-11-01T00:00:00Z'));
    expect(tasks).toEqual([
      {
        id: '29356a30-bf2f-45af-ac63-26973d891d28',
        templateRef: 'template:default/paved-typescript-service',
        status: 'completed',
        createdAt: new Date('2026-11-25T13:20:11.000Z'),
        componentName: 'gp-e2e-mww5i0sx',
      },
      {
        id: '907dfc2a-b959-431d-b936-27ad89adcdb7',
        templateRef: 'template:default/paved-typescript-service',
        status: 'completed',
        createdAt: new Date('2026-11-25T13:19:17.000Z'),
        componentName: 'gp-e2e-mww5gu55',
      },
      {
        id: 'e8a9398f-77a3-4957-96d7-5bd478738cb4',
        templateRef: 'template:default/paved-typescript-service',
        status: 'completed',
        createdAt: new Date('2026-11-25T13:13:35.000Z'),
        componentName: 'gp-api-12415',
      },
    ]);
  });

  it('pages newest first and stops at the window', async () => {
    const seen: string[] = [];
    const task = (i: number) => ({
      ...recordedTasks.tasks[0],
      id: `t${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 28) - i * 3600_000).toISOString(),
    });
    server.use(
      http.get(`${BASE}/v2/tasks`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(url.search);
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        return HttpResponse.json({
          tasks: Array.from({ length: limit }, (_, i) => task(offset + i)),
          totalTasks: 100000,
        });
      }),
    );
    // 300 hours back: two pages of 200 hourly tasks.
    const tasks = await reader().listSince(
      new Date(Date.UTC(2026, 10, 28) - 299 * 3600_000),
    );
    expect(tasks).toHaveLength(300);
    expect(seen).toEqual([
      '?limit=200&offset=0&order=desc:created_at',
      '?limit=200&offset=200&order=desc:created_at',
    ]);
  });

  it('fails with the scaffolder answer', async () => {
    server.use(
      http.get(`${BASE}/v2/tasks`, () =>
        HttpResponse.json(
          { error: { name: 'AuthenticationError', message: 'bad token' } },
          { status: 401 },
        ),
      ),
    );
    await expect(reader().listSince(new Date(0))).rejects.toThrow(/401/);
  });
});

describe('template usage', () => {
  it('counts runs, success rate and time to the first production deployment', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * 3600_000);
    const result = summarizeTemplateRuns({
      tasks: [
        {
          id: '1',
          templateRef: 'template:default/svc',
          status: 'completed',
          createdAt: at(0),
          componentName: 'a',
        },
        {
          id: '2',
          templateRef: 'template:default/svc',
          status: 'failed',
          createdAt: at(1),
          componentName: 'b',
        },
        {
          id: '3',
          templateRef: 'Template:default/SVC',
          status: 'completed',
          createdAt: at(2),
          componentName: 'c',
        },
        {
          id: '4',
          templateRef: 'template:default/svc',
          status: 'processing',
          createdAt: at(3),
        },
        {
          id: '5',
          templateRef: 'template:default/web',
          status: 'completed',
          createdAt: at(4),
          componentName: 'd',
        },
        // A component of the same name from another template is not its.
        {
          id: '6',
          templateRef: 'template:default/web',
          status: 'completed',
          createdAt: at(5),
          componentName: 'a',
        },
      ],
      templates: [
        { entityRef: 'template:default/svc', name: 'svc', version: '2.0.0' },
        { entityRef: 'template:default/unused', name: 'unused' },
      ],
      components: new Map([
        ['component:default/a', { template: 'svc' }],
        ['component:default/c', { template: 'svc' }],
        ['component:default/d', {}],
      ]),
      productionDeployments: new Map([
        ['component:default/a', [at(-5).getTime(), at(10).getTime()]],
        ['component:default/c', [at(50).getTime()]],
        ['component:default/d', [at(4.5).getTime()]],
      ]),
    });
    expect(result.stats).toEqual({
      windowDays: 90,
      runs: 6,
      succeeded: 4,
      failed: 1,
      successRate: 0.8,
    });
    expect(
      result.usage.map(u => [
        u.templateRef,
        u.runs,
        u.successRate,
        u.components,
        u.medianSecondsToFirstProductionDeployment,
      ]),
    ).toEqual([
      ['template:default/svc', 4, 2 / 3, 2, ((10 + 48) / 2) * 3600],
      ['template:default/web', 2, 1, 1, 0.5 * 3600],
      ['template:default/unused', 0, null, 0, null],
    ]);
    // a: 10 h (the deployment before its run does not count), c: 48 h,
    // d: 0.5 h.
    expect(result.timeToFirstProductionDeployment).toEqual({
      medianSeconds: 10 * 3600,
      samples: 3,
    });
  });
});
