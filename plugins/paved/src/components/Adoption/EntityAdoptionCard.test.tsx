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
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import recordedScores from './__fixtures__/scores-golden-path-component.json';
import { EntityAdoptionCard } from './EntityAdoptionCard';

const baseUrl = 'http://localhost:7007/api/paved';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'gp-e2e-mww5i0sx', namespace: 'default' },
  spec: {},
};

describe('EntityAdoptionCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>
          <EntityAdoptionCard />
        </EntityProvider>
      </TestApiProvider>,
    );

  it('shows both scores and the failing check first, with how to fix it', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${baseUrl}/v1/adoption/scores`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('entity')!);
        return HttpResponse.json(recordedScores);
      }),
    );
    await render();
    expect(await screen.findByTestId('automation-score')).toHaveTextContent(
      '75 / 100',
    );
    expect(screen.getByTestId('complexity-score')).toHaveTextContent(
      '11 / 100',
    );
    expect(asked).toEqual(['component:default/gp-e2e-mww5i0sx']);
    expect(screen.getByText('1 of 5 checks failing')).toBeInTheDocument();

    const items = screen.getAllByTestId(/^check-/);
    expect(items[0]).toHaveAttribute('data-testid', 'check-deploys-automated');
    expect(items[0]).toHaveTextContent(
      'no deployments recorded in the last 30 days',
    );
    expect(items[0]).toHaveTextContent(
      'How to fix: Deploy through the Platform Orchestrator',
    );
    expect(screen.getByTestId('check-ci-workflow')).toHaveTextContent(
      'found .github/workflows/ci.yaml',
    );
    expect(screen.getByTestId('check-ci-workflow')).not.toHaveTextContent(
      'How to fix',
    );
    expect(
      screen.getByText(/Containers: 1 containers in the Score workload/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 deviation from the golden path/),
    ).toBeInTheDocument();
  });

  it('shows the error for an entity the backend does not know', async () => {
    server.use(
      http.get(`${baseUrl}/v1/adoption/scores`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message:
                'No entity component:default/gp-e2e-mww5i0sx in the catalog',
            },
            request: { method: 'GET', url: '/v1/adoption/scores' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    await render();
    expect(
      await screen.findByText(/Request failed with 404/),
    ).toBeInTheDocument();
  });
});
