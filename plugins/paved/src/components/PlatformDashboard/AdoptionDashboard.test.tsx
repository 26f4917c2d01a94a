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
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AdoptionReport, PavedClient } from '@paved/plugin-paved-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import recordedReport from './__fixtures__/adoption-report.json';
import { AdoptionDashboard } from './AdoptionDashboard';

const baseUrl = 'http://localhost:7007/api/paved';
const report = recordedReport as AdoptionReport;

// recharts' ResponsiveContainer measures its parent; jsdom has no layout.
beforeAll(() => {
  (global as any).ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
});

describe('AdoptionDashboard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const render = (apis: any[] = []) =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client], ...apis] as any}>
        <AdoptionDashboard />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

  it('shows the recorded report: funnel, active users, templates, trend and the components off the path', async () => {
    server.use(
      http.get(`${baseUrl}/v1/adoption`, () => HttpResponse.json(report)),
    );
    await render();

    expect(
      await screen.findByRole('img', {
        name: 'Adoption funnel: In the catalog 9, Described in Score 6, Created from a golden path 2, On the current template version 2, Deploying through Paved (30 days) 0',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('with a Score file').previousSibling,
    ).toHaveTextContent('67 %');
    expect(screen.getByText('6 of 9')).toBeInTheDocument();

    // Active users, with the demo users labelled.
    expect(screen.getByTestId('weekly-active-users')).toHaveTextContent('18');
    expect(screen.getByTestId('monthly-active-users')).toHaveTextContent('28');
    expect(screen.getByText('includes 28 demo users')).toBeInTheDocument();
    expect(screen.getByText('Includes demo data')).toBeInTheDocument();
    expect(
      screen.getByText('12 days of demo history, measured from 2026-11-25'),
    ).toBeInTheDocument();

    // Template usage from the scaffolder's history.
    expect(screen.getByText(/3 runs, 100 % successful/)).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'TypeScript HTTP service with PostgreSQL',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/template/paved-typescript-service',
    );

    // Furthest off the golden path, with the reasons.
    expect(
      screen.getByRole('link', { name: 'Paved backend' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('not created from a golden path').length,
    ).toBeGreaterThan(0);
  });

  it('says when nothing has been computed yet', async () => {
    server.use(
      http.get(`${baseUrl}/v1/adoption`, () =>
        HttpResponse.json({
          ...report,
          computedAt: null,
          durationMs: null,
          current: null,
          templates: [],
          history: [],
          furthestOffPath: [],
          demo: false,
        }),
      ),
    );
    await render();
    expect(await screen.findByText(/Not computed yet/)).toBeInTheDocument();
    expect(
      screen.getByText('The trend starts after the second daily computation.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Every component is on the golden path.'),
    ).toBeInTheDocument();
  });

  it('recomputes on request for those allowed to', async () => {
    let computed = 0;
    server.use(
      http.get(`${baseUrl}/v1/adoption`, () =>
        HttpResponse.json({
          ...report,
          computedAt: computed ? '2026-11-25T14:00:00.000Z' : report.computedAt,
        }),
      ),
      http.post(`${baseUrl}/v1/adoption/refresh`, () => {
        computed++;
        return HttpResponse.json({
          computedAt: '2026-11-25T14:00:00.000Z',
          durationMs: 120,
          entities: 9,
        });
      }),
    );
    await render([
      [
        permissionApiRef,
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    ]);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Recompute now' }),
    );
    expect(
      await screen.findByText(/Computed 2026-11-25 14:00 UTC/),
    ).toBeInTheDocument();
    expect(computed).toBe(1);
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/v1/adoption`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to read the adoption report',
            },
            request: { method: 'GET', url: '/v1/adoption' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 403/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/Not allowed to read the adoption report/).length,
    ).toBeGreaterThan(0);
  });
});
