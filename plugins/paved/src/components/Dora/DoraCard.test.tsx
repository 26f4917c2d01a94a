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
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { PavedClient } from '@paved/plugin-paved-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import {
  emptyReport,
  flakyReport,
  reworkReport,
} from './__fixtures__/doraReports';
import { DoraCard } from './DoraCard';

const baseUrl = 'http://localhost:7007/api/paved';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'flaky', namespace: 'default' },
  spec: {},
};

describe('DoraCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const requests: URLSearchParams[] = [];
  const answer = (report: object) =>
    server.use(
      http.get(`${baseUrl}/v1/dora`, ({ request }) => {
        requests.push(new URL(request.url).searchParams);
        return HttpResponse.json(report);
      }),
    );
  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>
          <DoraCard />
        </EntityProvider>
      </TestApiProvider>,
    );
  beforeEach(() => {
    requests.length = 0;
  });
  // The sparkline (recharts) is a lazy chunk: load it once, outside the
  // tests' time limit.
  beforeAll(() => import('./DoraSparkline'), 30_000);

  it('shows the four keys with value, band, basis and trend', async () => {
    answer(flakyReport);
    await render();
    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(within(frequency).getByText('1.0/week')).toBeInTheDocument();
    expect(within(frequency).getByText('High')).toBeInTheDocument();
    expect(within(frequency).getByText('4 deployments')).toBeInTheDocument();
    const lead = screen.getByRole('group', { name: 'Lead time for changes' });
    expect(within(lead).getByText('13 h')).toBeInTheDocument();
    expect(within(lead).getByText('Elite')).toBeInTheDocument();
    expect(within(lead).getByText('median of 4 commits')).toBeInTheDocument();
    const failures = screen.getByRole('group', { name: 'Change failure rate' });
    expect(within(failures).getByText('50 %')).toBeInTheDocument();
    expect(within(failures).getByText('Low')).toBeInTheDocument();
    expect(
      within(failures).getByText('2 of 4 deployments failed'),
    ).toBeInTheDocument();
    const recovery = screen.getByRole('group', {
      name: 'Failed deployment recovery time',
    });
    expect(within(recovery).getByText('3.0 h')).toBeInTheDocument();
    // The trend chart loads lazily once it is in view.
    expect(
      await screen.findByRole('img', { name: 'Change failure rate per week' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sep 1 – Sep 28, 2026 (UTC)')).toBeInTheDocument();
    expect(requests[0].get('entity')).toBe('component:default/flaky');
    expect(requests[0].get('days')).toBe('28');
  });

  it('shows deployment rework rate with its reasons and says it has no bands', async () => {
    answer(reworkReport);
    await render();
    const rework = await screen.findByRole('group', {
      name: 'Deployment rework rate',
    });
    expect(within(rework).getByText('50 %')).toBeInTheDocument();
    expect(
      within(rework).getByText(
        '2 of 4 deployments unplanned (1 during an incident, 1 hotfix, 1 rollback)',
      ),
    ).toBeInTheDocument();
    // No band chip of the published four, and the reason said plainly.
    expect(within(rework).getByText('No bands')).toBeInTheDocument();
    for (const band of ['Elite', 'High', 'Medium', 'Low']) {
      expect(within(rework).queryByText(band)).not.toBeInTheDocument();
    }
    expect(
      within(rework).getByText(
        'DORA publishes no bands for deployment rework rate yet.',
      ),
    ).toBeInTheDocument();
    // The trend chart loads lazily once it is in view.
    expect(
      await screen.findByRole('img', {
        name: 'Deployment rework rate per week',
      }),
    ).toBeInTheDocument();
  });

  it('asks for another window when one is chosen', async () => {
    answer(flakyReport);
    await render();
    await screen.findByRole('group', { name: 'Deployment frequency' });
    await userEvent.click(screen.getByText('Last 28 days'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Last 90 days' }),
    );
    await waitFor(() => expect(requests.at(-1)?.get('days')).toBe('90'));
  });

  it('says how to connect data when the window has none', async () => {
    answer(emptyReport);
    await render();
    expect(
      await screen.findByText(
        'No deployments or incidents in the last 28 days',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/paved deploy record --entity component:default\/flaky/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/connect a GitHub, GitLab or Argo CD webhook/),
    ).toBeInTheDocument();
    expect(screen.queryByText('0/month')).not.toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/v1/dora`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to read DORA metrics',
            },
          },
          { status: 403 },
        ),
      ),
    );
    await render();
    expect(
      (await screen.findAllByText(/Not allowed to read DORA metrics/))[0],
    ).toBeInTheDocument();
  });
});
