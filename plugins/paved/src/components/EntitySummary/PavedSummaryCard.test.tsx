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
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EntityPavedSummary, PavedClient } from '@paved/plugin-paved-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { flakyReport } from '../Dora/__fixtures__/doraReports';
import { clearSharedQueries } from '../shared/useSharedQuery';
import { PavedSummaryCard } from './PavedSummaryCard';

const baseUrl = 'http://localhost:7007/api/paved';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service', namespace: 'default' },
  spec: {},
};

const deployment = {
  id: 'd1',
  source: 'github',
  externalId: 'run-7',
  entityRef: 'component:default/orders-service',
  environment: 'production',
  production: true,
  version: '1.4.2',
  status: 'success' as const,
  startedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  finishedAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  changes: [],
};

const summary: EntityPavedSummary = {
  entityRef: 'component:default/orders-service',
  dora: flakyReport,
  scores: {
    entityRef: 'component:default/orders-service',
    computedAt: '2026-12-01T00:00:00.000Z',
    automation: {
      score: 72,
      passedWeight: 72,
      applicableWeight: 100,
      checks: [],
    },
    complexity: { score: 18, factors: [] },
    deviations: [],
    facts: {} as any,
  },
  deployments: { items: [deployment] },
  incidents: {
    open: 2,
    items: [
      {
        id: 'i1',
        source: 'pagerduty',
        externalId: 'PD-1',
        title: 'Orders API 5xx above 2 %',
        status: 'open',
        openedAt: '2026-12-05T10:00:00.000Z',
      },
    ],
  },
};

describe('PavedSummaryCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  afterEach(() => clearSharedQueries());
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const render = (children: JSX.Element) =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>{children}</EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  const answering = (body: EntityPavedSummary) => {
    const calls: string[] = [];
    server.use(
      http.get(`${baseUrl}/v1/entity-summary`, ({ request }) => {
        calls.push(new URL(request.url).searchParams.get('entity')!);
        return HttpResponse.json(body);
      }),
    );
    return calls;
  };

  it('shows DORA bands, automation score, open incidents and the latest deployment', async () => {
    answering(summary);
    await render(<PavedSummaryCard />);
    const dora = await screen.findByTestId('paved-summary-dora');
    expect(within(dora).getByText(/Deploys/)).toBeInTheDocument();
    expect(screen.getByTestId('paved-summary-automation')).toHaveTextContent(
      '72 / 100',
    );
    expect(screen.getByTestId('paved-summary-incidents')).toHaveTextContent(
      '2Orders API 5xx above 2 %',
    );
    expect(screen.getByTestId('paved-summary-deployment')).toHaveTextContent(
      '1.4.2 to production',
    );
    expect(screen.getByTestId('paved-summary-deployment')).toHaveTextContent(
      'success, 3 h ago',
    );
    expect(
      screen.getByRole('link', { name: /DORA, deployments, scores/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-service/platform',
    );
  });

  it('shows the bands the report has', async () => {
    answering(summary);
    await render(<PavedSummaryCard />);
    const dora = await screen.findByTestId('paved-summary-dora');
    const bands = (
      [
        'deploymentFrequency',
        'leadTime',
        'changeFailureRate',
        'recoveryTime',
      ] as const
    ).map(key => flakyReport.metrics[key].band);
    const labels = bands.map(b =>
      b ? b[0].toUpperCase() + b.slice(1) : 'No data',
    );
    expect(
      within(dora)
        .getAllByText(/^(Elite|High|Medium|Low|No data)$/)
        .map(e => e.textContent),
    ).toEqual(labels);
  });

  it('says which parts the caller may not read and shows the rest', async () => {
    answering({
      ...summary,
      dora: { notAllowed: true, permission: 'paved.dora.read' },
      incidents: { notAllowed: true, permission: 'paved.incident.read' },
    });
    await render(<PavedSummaryCard />);
    expect(
      await screen.findByTestId('paved-summary-automation'),
    ).toHaveTextContent('72 / 100');
    expect(screen.getByTestId('paved-summary-dora')).toHaveTextContent(
      'Not available to you',
    );
    expect(screen.getByTestId('paved-summary-incidents')).toHaveTextContent(
      'Not available to you',
    );
    expect(screen.getByTestId('paved-summary-deployment')).toHaveTextContent(
      '1.4.2 to production',
    );
  });

  it('says so when nothing was deployed yet', async () => {
    answering({ ...summary, deployments: { items: [] } });
    await render(<PavedSummaryCard />);
    expect(
      await screen.findByTestId('paved-summary-deployment'),
    ).toHaveTextContent('No deployments recorded');
  });

  it('asks the backend once for every card of the page', async () => {
    const calls = answering(summary);
    await render(
      <>
        <PavedSummaryCard />
        <PavedSummaryCard />
      </>,
    );
    expect(
      await screen.findAllByTestId('paved-summary-automation'),
    ).toHaveLength(2);
    expect(calls).toEqual(['component:default/orders-service']);
  });

  it('shows the error when the request fails', async () => {
    server.use(
      http.get(`${baseUrl}/v1/entity-summary`, () =>
        HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'No entity' } },
          { status: 404 },
        ),
      ),
    );
    await render(<PavedSummaryCard />);
    expect(
      (await screen.findAllByText(/404 Not Found/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('paved-summary-dora')).not.toBeInTheDocument();
  });
});
