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
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { PavedClient } from '@paved/plugin-paved-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { PlatformPage } from './PlatformPage';
import { emptyOrganisationReport } from '../Dora/__fixtures__/doraReports';

const baseUrl = 'http://localhost:7007/api/paved';

// The page talks to the backend through the real client; msw stands in for
// the backend's HTTP answers.
describe('PlatformPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // The platform NPS card (tested in ../Surveys) asks for survey results.
  beforeEach(() =>
    server.use(
      http.get(`${baseUrl}/v1/survey-results`, () =>
        HttpResponse.json({ items: [] }),
      ),
      // The golden-path drift card (tested in ../GoldenPaths).
      http.get(`${baseUrl}/v1/golden-paths/drift`, () =>
        HttpResponse.json({ templates: [], components: 0, drifted: [] }),
      ),
      // The adoption dashboard (tested in ../PlatformDashboard), before its
      // first computation.
      http.get(`${baseUrl}/v1/adoption`, () =>
        HttpResponse.json({
          computedAt: null,
          durationMs: null,
          current: null,
          templates: [],
          history: [],
          furthestOffPath: [],
          analytics: { enabled: true, retentionDays: 90 },
          demo: false,
        }),
      ),
      // The DORA card (tested in ../Dora), before any deployment.
      http.get(`${baseUrl}/v1/dora/organisation`, () =>
        HttpResponse.json(emptyOrganisationReport),
      ),
    ),
  );

  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  const renderPage = () =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [pavedApiRef, client],
          [discoveryApiRef, { getBaseUrl: async () => baseUrl }],
          [fetchApiRef, { fetch }],
        ]}
      >
        <PlatformPage />
      </TestApiProvider>,
    );

  it('shows the version, database and providers from the info route', async () => {
    server.use(
      http.get(`${baseUrl}/v1/info`, () =>
        HttpResponse.json({
          version: '0.1.0',
          providers: [
            {
              id: 'humanitec',
              title: 'Humanitec',
              type: 'platform-orchestrator',
              sync: {
                lastRunAt: new Date(Date.now() - 5 * 60_000).toISOString(),
                deployments: 12,
                error:
                  '1 item(s) failed and will be retried: project checkout: answered 403',
                failingItems: 1,
              },
            },
            {
              id: 'stellwerk',
              title: 'Stellwerk',
              type: 'platform-orchestrator',
              sync: {
                lastRunAt: null,
                deployments: null,
                error: null,
                failingItems: 0,
              },
            },
          ],
          database: 'postgres',
          installedAt: '2026-11-25T12:00:00.000Z',
          demoData: false,
        }),
      ),
    );
    await renderPage();

    expect(await screen.findByText('0.1.0')).toBeInTheDocument();
    expect(screen.getByText('PostgreSQL')).toBeInTheDocument();
    expect(screen.getByText('Humanitec')).toBeInTheDocument();
    expect(screen.getAllByText('platform-orchestrator')).toHaveLength(2);
    // The sync's last run, and what failed, without reading logs.
    expect(
      screen.getByText('5 min ago: 12 deployment(s) written'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('provider-sync-error-humanitec'),
    ).toHaveTextContent(
      '1 item(s) failed and will be retried: project checkout: answered 403',
    );
    expect(screen.getByText('Not run yet')).toBeInTheDocument();
  });

  it('explains how to connect an orchestrator when none is configured', async () => {
    server.use(
      http.get(`${baseUrl}/v1/info`, () =>
        HttpResponse.json({
          version: '0.1.0',
          providers: [],
          database: 'sqlite',
          installedAt: '2026-11-25T12:00:00.000Z',
          demoData: true,
        }),
      ),
    );
    await renderPage();

    expect(
      await screen.findByText('No orchestrator connected'),
    ).toBeInTheDocument();
    expect(screen.getByText('SQLite (embedded)')).toBeInTheDocument();
  });

  it('shows the backend error when the info route fails', async () => {
    server.use(
      http.get(`${baseUrl}/v1/info`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to read Paved information',
            },
            request: { method: 'GET', url: '/v1/info' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await renderPage();

    expect(
      await screen.findByText(/Request failed with 403 Forbidden/),
    ).toBeInTheDocument();
    // The panel shows the backend's own message (and again in its JSON view).
    expect(
      screen.getAllByText(/Not allowed to read Paved information/).length,
    ).toBeGreaterThan(0);
  });
});
