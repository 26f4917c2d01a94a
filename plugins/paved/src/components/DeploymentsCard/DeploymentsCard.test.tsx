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
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Deployment, PavedClient, Preview } from '@paved/plugin-paved-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import { pavedApiRef } from '../../api';
import { DeploymentsCard } from './DeploymentsCard';

const baseUrl = 'http://localhost:7007/api/paved';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a' },
};

const deployment = (
  id: string,
  overrides: Partial<Deployment>,
): Deployment => ({
  id,
  source: 'github',
  externalId: id,
  entityRef: 'component:default/checkout',
  environment: 'production',
  production: true,
  status: 'success',
  startedAt: '2026-11-20T10:00:00Z',
  changes: [],
  ...overrides,
});

// Newest first, as the API answers.
const ledger: Deployment[] = [
  deployment('d4', {
    status: 'failure',
    version: 'v1.5.0',
    startedAt: '2026-11-22T09:00:00Z',
    finishedAt: '2026-11-22T09:04:00Z',
    message: 'readiness probe failed: HTTP 503',
    changes: [
      { sha: 'abcdef0123456789', author: 'octocat', message: 'Cache carts' },
    ],
  }),
  deployment('d3', {
    environment: 'staging',
    production: false,
    version: 'v1.5.0',
    status: 'in_progress',
    startedAt: '2026-11-21T09:00:00Z',
  }),
  deployment('d2', {
    version: 'v1.4.0',
    startedAt: '2026-11-20T12:00:00Z',
    finishedAt: '2026-11-20T12:03:00Z',
  }),
  deployment('d1', { version: 'v1.3.0', startedAt: '2026-11-19T12:00:00Z' }),
];

const Location = () => {
  const location = useLocation();
  return <div data-testid="location">{location.search}</div>;
};

// Rendering the tables takes seconds on a busy machine.
jest.setTimeout(30_000);

describe('DeploymentsCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: URL[] = [];

  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  const renderCard = (
    items: Deployment[],
    route = '/',
    previews: Preview[] = [],
  ) => {
    server.use(
      http.get(`${baseUrl}/v1/previews`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({ items: previews });
      }),
      http.get(`${baseUrl}/v1/deployments`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json({ items });
      }),
      http.get(`${baseUrl}/v1/deployments/:id`, ({ params }) => {
        const found = items.find(d => d.id === params.id);
        return found
          ? HttpResponse.json(found)
          : HttpResponse.json(
              { error: { name: 'NotFoundError', message: 'No deployment' } },
              { status: 404 },
            );
      }),
    );
    return renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>
          <DeploymentsCard />
          <Location />
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: [route] },
    );
  };

  beforeEach(() => requests.splice(0));

  it('shows each environment with its current version and latest status', async () => {
    await renderCard(ledger);
    await screen.findByText('Recent deployments');
    // The first table: one row per environment.
    const [envTable] = screen.getAllByRole('table');
    const rowOf = (env: string) =>
      within(envTable)
        .getAllByRole('row')
        .find(r => r.querySelector('td')?.textContent?.startsWith(env))!;
    const prod = rowOf('production');
    // The latest production deployment failed; v1.4.0 still runs there.
    expect(within(prod).getByText('v1.4.0')).toBeInTheDocument();
    expect(within(prod).getByText('failed')).toBeInTheDocument();
    expect(within(prod).getByText('3')).toBeInTheDocument();
    const staging = rowOf('staging');
    expect(within(staging).getByText('none succeeded yet')).toBeInTheDocument();
    expect(within(staging).getByText('in progress')).toBeInTheDocument();
    expect(requests[0].searchParams.get('entity')).toBe(
      'component:default/checkout',
    );
  });

  it('drills down to an environment and a deployment, keeping the state in the URL', async () => {
    await renderCard(ledger);
    const user = userEvent.setup();
    await user.click((await screen.findAllByText('production'))[0]);
    expect(
      await screen.findByText('History of production'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?deploymentsEnv=production',
    );
    expect(screen.getByText('v1.3.0')).toBeInTheDocument();
    expect(screen.queryByText('in progress')).not.toBeInTheDocument();

    await user.click(screen.getByText('v1.5.0'));
    expect(
      await screen.findByText('Error: readiness probe failed: HTTP 503'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Cache carts/)).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(
      '?deploymentsEnv=production&deployment=d4',
    );
    await user.click(
      screen.getByRole('button', { name: /Back to production/ }),
    );
    expect(
      await screen.findByText('History of production'),
    ).toBeInTheDocument();
  });

  it('opens a deployment straight from a shared URL', async () => {
    await renderCard(ledger, '/?deploymentsEnv=production&deployment=d2');
    expect(await screen.findByText('v1.4.0 to production')).toBeInTheDocument();
    expect(screen.getByText('3 min')).toBeInTheDocument();
  });

  it('lists pull-request previews with status, URL and age, live ones first', async () => {
    const hoursAgo = (h: number) =>
      new Date(Date.now() - h * 3600_000).toISOString();
    const preview = (number: number, overrides: Partial<Preview>): Preview => ({
      id: `p${number}`,
      scm: 'github',
      repository: 'acme/checkout',
      number,
      title: `Change ${number}`,
      webUrl: `https://github.com/acme/checkout/pull/${number}`,
      headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      desired: 'active',
      state: 'active',
      environmentId: `pr-${number}`,
      createdAt: hoursAgo(3),
      updatedAt: hoursAgo(1),
      lastActivityAt: hoursAgo(1),
      ...overrides,
    });
    await renderCard(ledger, '/', [
      preview(9, {
        state: 'deleted',
        desired: 'closed',
        environmentUrl: 'https://pr-9.checkout.preview.test',
        createdAt: hoursAgo(72),
      }),
      preview(8, {
        environmentUrl: 'https://pr-8.checkout.preview.test',
      }),
      preview(7, {
        state: 'refused',
        reason: 'Preview limit reached: project checkout already has 5 of 5',
      }),
    ]);
    const section = await screen.findByTestId('paved-previews');
    expect(within(section).getByText('Previews')).toBeInTheDocument();
    const rows = within(section)
      .getAllByRole('row')
      .slice(1)
      .map(r => r.textContent);
    expect(rows).toEqual([
      expect.stringMatching(/^#8.* Change 8live.*pr-8\.checkout.*pr-8.*3 h$/),
      expect.stringMatching(
        /^#7.* Change 7refused.*Preview limit reached.*—.*pr-7.*3 h$/,
      ),
      // Closed: no link to an environment that is gone.
      expect.stringMatching(/^#9.* Change 9removed.*—pr-9.*3 d$/),
    ]);
    expect(
      within(section).getByRole('link', {
        name: /^https:\/\/pr-8\.checkout\.preview\.test/,
      }),
    ).toHaveAttribute('href', 'https://pr-8.checkout.preview.test');
    expect(within(section).getByRole('link', { name: /^#8/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/pull/8',
    );
    expect(
      requests
        .find(r => r.pathname.endsWith('/v1/previews'))
        ?.searchParams.get('entity'),
    ).toBe('component:default/checkout');
  });

  it('shows no previews section for an entity without previews', async () => {
    await renderCard(ledger);
    await screen.findByText('Recent deployments');
    expect(screen.queryByTestId('paved-previews')).not.toBeInTheDocument();
  });

  it('explains how to connect when nothing is recorded', async () => {
    await renderCard([]);
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /paved deploy record --entity component:default\/checkout/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    server.use(
      http.get(`${baseUrl}/v1/previews`, () =>
        HttpResponse.json({ items: [] }),
      ),
      http.get(`${baseUrl}/v1/deployments`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to read deployments',
            },
          },
          { status: 403 },
        ),
      ),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>
          <DeploymentsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      (await screen.findAllByText(/Not allowed to read deployments/))[0],
    ).toBeInTheDocument();
  });
});
