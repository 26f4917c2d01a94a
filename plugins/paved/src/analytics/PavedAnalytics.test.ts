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
import { registerMswTestHooks } from '@backstage/test-utils';
import { PavedClient } from '@paved/plugin-paved-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PavedAnalytics } from './PavedAnalytics';

const baseUrl = 'http://localhost:7007/api/paved';
const navigate = (pluginId: string, subject = '/secret/path?q=1') => ({
  action: 'navigate',
  subject,
  attributes: { query: 'private' },
  context: { pluginId, extensionId: 'x', routeRef: 'y' },
});

describe('PavedAnalytics', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  it('sends page views in batches with the plugin id and time only', async () => {
    const bodies: any[] = [];
    server.use(
      http.post(`${baseUrl}/v1/analytics/page-views`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ enabled: true, recorded: 2, rejected: [] });
      }),
    );
    const analytics = PavedAnalytics.fromConfig(
      { getOptionalBoolean: () => undefined },
      { api: client, flushMs: 60_000 },
    );
    analytics.captureEvent(navigate('catalog') as any);
    analytics.captureEvent({ ...navigate('paved'), action: 'click' } as any);
    analytics.captureEvent(navigate('paved') as any);
    await analytics.flush();

    expect(bodies).toHaveLength(1);
    expect(bodies[0].events).toEqual([
      { pluginId: 'catalog', at: expect.any(String) },
      { pluginId: 'paved', at: expect.any(String) },
    ]);
    expect(JSON.stringify(bodies)).not.toMatch(/secret|private/);
  });

  it('sends nothing when paved.analytics.enabled is false', async () => {
    let calls = 0;
    server.use(
      http.post(`${baseUrl}/v1/analytics/page-views`, () => {
        calls++;
        return HttpResponse.json({ enabled: true, recorded: 1, rejected: [] });
      }),
    );
    const analytics = PavedAnalytics.fromConfig(
      {
        getOptionalBoolean: key =>
          key === 'paved.analytics.enabled' ? false : undefined,
      },
      { api: client },
    );
    analytics.captureEvent(navigate('catalog') as any);
    await analytics.flush();
    expect(calls).toBe(0);
  });

  it('drops page views quietly when the backend refuses them', async () => {
    server.use(
      http.post(`${baseUrl}/v1/analytics/page-views`, () =>
        HttpResponse.json(
          { error: { name: 'AuthenticationError', message: 'no' } },
          { status: 401 },
        ),
      ),
    );
    const analytics = new PavedAnalytics({
      api: client,
      enabled: true,
      flushMs: 10,
    });
    analytics.captureEvent(navigate('catalog') as any);
    await expect(analytics.flush()).resolves.toBeUndefined();
  });
});
