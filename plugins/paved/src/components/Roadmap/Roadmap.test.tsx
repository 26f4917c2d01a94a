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
import { PavedClient, Roadmap, RoadmapItem } from '@paved/plugin-paved-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { EntityRoadmapItemCard } from './EntityRoadmapItemCard';
import { RoadmapPage } from './RoadmapPage';

const baseUrl = 'http://localhost:7007/api/paved';
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

const shipped: RoadmapItem = {
  ref: 'roadmapitem:default/preview-envs',
  namespace: 'default',
  name: 'preview-envs',
  title: 'Preview environments',
  owner: 'group:default/platform-team',
  problem: 'Reviews wait for a shared staging slot.',
  horizon: 'shipped',
  shippedOn: '2026-10-22',
  requests: ['2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40'],
  outcome: {
    metric: 'leadTime',
    label: 'Lead time for changes (median) of group:default/team-web',
    subject: 'group:default/team-web',
    unit: 'seconds',
    target: 86400,
    direction: 'decrease',
    windowDays: 28,
    before: {
      from: '2026-09-24T00:00:00.000Z',
      to: '2026-10-22T00:00:00.000Z',
      value: 172800,
      sampleCount: 3,
      sampleUnit: 'commits',
      deployments: 2,
    },
    after: {
      from: '2026-10-22T00:00:00.000Z',
      to: '2026-11-19T00:00:00.000Z',
      value: 32400,
      sampleCount: 4,
      sampleUnit: 'commits',
      deployments: 2,
    },
    targetMet: true,
  },
};

const next: RoadmapItem = {
  ...shipped,
  ref: 'roadmapitem:default/happier',
  name: 'happier',
  title: 'Happier developers',
  horizon: 'next',
  shippedOn: undefined,
  requests: [],
  outcome: {
    metric: 'nps',
    label: 'NPS of survey:default/platform-nps',
    unit: 'nps',
    target: 30,
    direction: 'increase',
    windowDays: 28,
    current: {
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-10-01T00:00:00.000Z',
      value: null,
      sampleCount: 0,
      sampleUnit: 'answers',
      notAvailableReason: 'no survey period has released results yet',
    },
    targetMet: null,
  },
};

const roadmap: Roadmap = {
  windowDays: 28,
  now: [],
  next: [next],
  later: [],
  shipped: [shipped],
  invalid: 1,
};

describe('roadmap', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });

  it('shows the four columns with shipped before → after and sample counts', async () => {
    server.use(
      http.get(`${baseUrl}/v1/roadmap`, () => HttpResponse.json(roadmap)),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <RoadmapPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    for (const [horizon, title] of [
      ['now', 'Now (0)'],
      ['next', 'Next (1)'],
      ['later', 'Later (0)'],
      ['shipped', 'Shipped (1)'],
    ]) {
      expect(
        within(
          await screen.findByTestId(`roadmap-column-${horizon}`),
        ).getByText(title),
      ).toBeInTheDocument();
    }
    const card = screen.getByTestId('roadmap-item-preview-envs');
    expect(within(card).getByText('Preview environments')).toBeInTheDocument();
    expect(
      within(card).getByText('Reviews wait for a shared staging slot.'),
    ).toBeInTheDocument();
    expect(within(card).getByText('Target ≤ 1.0 d · met')).toBeInTheDocument();
    const before = within(card).getByTestId('roadmap-before');
    expect(within(before).getByText('2.0 d')).toBeInTheDocument();
    expect(
      within(before).getByText('3 commits, 2 deployments'),
    ).toBeInTheDocument();
    const after = within(card).getByTestId('roadmap-after');
    expect(within(after).getByText('9.0 h')).toBeInTheDocument();
    expect(
      within(after).getByText('4 commits, 2 deployments'),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('link', { name: 'Request 2b0c6a4e' }),
    ).toHaveAttribute(
      'href',
      '/paved/feedback?request=2b0c6a4e-5d1f-4a8e-9c3b-7e6f1d2a9b40',
    );

    const current = within(
      screen.getByTestId('roadmap-item-happier'),
    ).getByTestId('roadmap-current');
    expect(
      within(current).getByText(
        'not available: no survey period has released results yet',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 roadmap item\(s\) do not validate/),
    ).toBeInTheDocument();
  });

  it('shows the error when the roadmap cannot be read', async () => {
    server.use(
      http.get(`${baseUrl}/v1/roadmap`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to read the roadmap',
            },
          },
          { status: 403 },
        ),
      ),
    );
    await renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <RoadmapPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      (await screen.findAllByText(/Not allowed to read the roadmap/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('roadmap-column-now')).toBeNull();
  });

  it('shows the outcome on the RoadmapItem entity page', async () => {
    server.use(
      http.get(`${baseUrl}/v1/roadmap/default/preview-envs`, () =>
        HttpResponse.json(shipped),
      ),
    );
    const entity: Entity = {
      apiVersion: 'paved.dev/v1alpha1',
      kind: 'RoadmapItem',
      metadata: { name: 'preview-envs', namespace: 'default' },
    };
    await renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>
          <EntityRoadmapItemCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByText('Horizon: shipped')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('roadmap-after')).getByText('9.0 h'),
    ).toBeInTheDocument();
  });
});
