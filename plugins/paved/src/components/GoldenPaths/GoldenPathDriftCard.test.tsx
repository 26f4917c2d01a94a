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
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { GoldenPathDriftReport, PavedClient } from '@paved/plugin-paved-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { GoldenPathDriftCard } from './GoldenPathDriftCard';

const baseUrl = 'http://localhost:7007/api/paved';

const templates = [
  {
    entityRef: 'template:default/paved-typescript-service',
    name: 'paved-typescript-service',
    version: '1.1.0',
  },
];

describe('GoldenPathDriftCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const answer = (status: number, body: unknown) =>
    server.use(
      http.get(`${baseUrl}/v1/golden-paths/drift`, () =>
        HttpResponse.json(body as GoldenPathDriftReport, { status }),
      ),
    );
  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <GoldenPathDriftCard />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

  it('lists drifted components with the reasons', async () => {
    answer(200, {
      templates,
      components: 3,
      drifted: [
        {
          entityRef: 'component:default/orders',
          template: 'paved-typescript-service',
          templateVersion: '1.0.0',
          currentVersion: '1.1.0',
          reasons: [
            {
              code: 'template-outdated',
              message:
                'created from paved-typescript-service@1.0.0; the template is at 1.1.0',
            },
            {
              code: 'score-invalid',
              message:
                'the Score file no longer validates: score.yaml:3:1 containers: required',
            },
          ],
        },
      ],
    });
    await render();
    expect(
      await screen.findByText(
        /1 of 3 components created from golden paths have drifted/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders' })).toHaveAttribute(
      'href',
      '/catalog/default/component/orders',
    );
    expect(
      screen.getByText('paved-typescript-service@1.0.0'),
    ).toBeInTheDocument();
    expect(screen.getByText('Template outdated')).toBeInTheDocument();
    expect(
      screen.getByText(/score.yaml:3:1 containers: required/),
    ).toBeInTheDocument();
  });

  it('says when nothing drifted', async () => {
    answer(200, { templates, components: 2, drifted: [] });
    await render();
    expect(await screen.findByText('No drift')).toBeInTheDocument();
    expect(
      screen.getByText(
        /All 2 components created from golden paths are on their template's current version/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the error the backend gave', async () => {
    answer(403, {
      error: {
        name: 'NotAllowedError',
        message: 'Not allowed to read the golden-path drift report',
      },
      request: { method: 'GET', url: '/v1/golden-paths/drift' },
      response: { statusCode: 403 },
    });
    await render();
    expect(
      await screen.findAllByText(
        /Not allowed to read the golden-path drift report/,
      ),
    ).not.toHaveLength(0);
  });
});
