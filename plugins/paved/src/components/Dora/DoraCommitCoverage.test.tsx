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
import { emptyReport, flakyReport } from './__fixtures__/doraReports';
import { DoraCard } from './DoraCard';
import { coverageText } from './DoraCommitCoverage';

const baseUrl = 'http://localhost:7007/api/paved';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'flaky', namespace: 'default' },
  spec: {},
};

describe('DORA commit range coverage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const render = (report: object) => {
    server.use(http.get(`${baseUrl}/v1/dora`, () => HttpResponse.json(report)));
    return renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <EntityProvider entity={entity}>
          <DoraCard />
        </EntityProvider>
      </TestApiProvider>,
    );
  };

  it('says on the card how many deployments have a complete commit range', async () => {
    await render(flakyReport);
    expect(
      await screen.findByLabelText('Commit range coverage'),
    ).toHaveTextContent(
      "Commit ranges complete for 3 of 4 deployments (75 %); lead time counts the other deployments' commits only as far as they are known.",
    );
  });

  it('says nothing about coverage without deployments', async () => {
    await render(emptyReport);
    await screen.findByText('No deployments or incidents in the last 28 days');
    expect(
      screen.queryByLabelText('Commit range coverage'),
    ).not.toBeInTheDocument();
  });

  it('words full and no coverage', () => {
    expect(coverageText({ deployments: 1, complete: 1, ratio: 1 })).toBe(
      'Commit ranges complete for 1 of 1 deployment (100 %).',
    );
    expect(coverageText({ deployments: 2, complete: 0, ratio: 0 })).toBe(
      "Commit ranges complete for 0 of 2 deployments (0 %); lead time counts the other deployments' commits only as far as they are known.",
    );
    expect(
      coverageText({ deployments: 0, complete: 0, ratio: null }),
    ).toBeUndefined();
  });
});
