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
import { PavedClient, SloReport, SloResult } from '@paved/plugin-paved-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { EntitySloCard } from './EntitySloCard';
import { isSloAvailable } from './isSloAvailable';

const baseUrl = 'http://localhost:7007/api/paved';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: { 'paved.dev/slos': './slos.yaml' },
  },
  spec: {},
};

const window = {
  from: '2026-10-26T12:00:00.000Z',
  to: '2026-11-25T12:00:00.000Z',
  duration: '30d',
};
const objective = (patch: Partial<SloResult>): SloResult => ({
  name: 'deploys',
  type: 'deployment-success-rate',
  target: 0.95,
  unit: 'deployments',
  window,
  good: 19,
  total: 20,
  sli: 0.95,
  errorBudget: { allowed: 1, spent: 1, remaining: 0 },
  burnRate: 1.25,
  burnRateWindow: '180h',
  status: 'exhausted',
  ...patch,
});

describe('EntitySloCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const answer = (report: SloReport) =>
    server.use(http.get(`${baseUrl}/v1/slos`, () => HttpResponse.json(report)));
  const render = (e: Entity = entity) =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={e}>
          <EntitySloCard />
        </EntityProvider>
      </TestApiProvider>,
    );

  it('shows each objective with budget left, burn rate and status, and the declaration problems', async () => {
    answer({
      entityRef: 'component:default/checkout',
      declared: true,
      source: { type: 'file', location: 'file:/repo/slos.yaml' },
      objectives: [
        objective({}),
        objective({
          name: 'up',
          type: 'availability',
          target: 0.999,
          unit: 'seconds',
          good: 2590200,
          total: 2592000,
          sli: 0.99930556,
          errorBudget: { allowed: 2592, spent: 1800, remaining: 0.3056 },
          burnRate: 0.4,
          burnRateWindow: '1d',
          status: 'healthy',
        }),
        objective({
          name: 'fast',
          type: 'lead-time',
          unit: 'changes',
          good: 0,
          total: 0,
          sli: null,
          errorBudget: null,
          burnRate: null,
          status: 'no-data',
          notAvailableReason: 'no changes reached production in the window',
        }),
      ],
      errors: [
        {
          path: 'objectives[3].target',
          message: "target 99.5 is not a ratio: write 0.995 or '99.5%'",
        },
      ],
    });
    await render();
    expect(await screen.findByText('deploys')).toBeInTheDocument();
    expect(screen.getByText('Budget exhausted')).toBeInTheDocument();
    expect(screen.getByText('1.25×')).toBeInTheDocument();
    expect(screen.getByText('19 of 20 deployments')).toBeInTheDocument();
    expect(screen.getByText('30 min of 43 min downtime')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(
      screen.getByText('no changes reached production in the window'),
    ).toBeInTheDocument();
    expect(screen.getByText('objectives[3].target')).toBeInTheDocument();
    expect(screen.getByText(/target 99.5 is not a ratio/)).toBeInTheDocument();
  });

  it('explains how to declare objectives when there are none', async () => {
    answer({
      entityRef: 'component:default/checkout',
      declared: false,
      objectives: [],
      errors: [],
    });
    await render();
    expect(
      await screen.findByText('No service level objectives'),
    ).toBeInTheDocument();
  });

  it('is offered only for entities that declare SLOs', () => {
    expect(isSloAvailable(entity)).toBe(true);
    expect(
      isSloAvailable({ ...entity, metadata: { name: 'x', annotations: {} } }),
    ).toBe(false);
  });
});
