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
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { PavedClient } from '@paved/plugin-paved-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import {
  emptyOrganisationReport,
  organisationReport,
} from './__fixtures__/doraReports';
import { DoraOrganisationCard } from './DoraOrganisationCard';

const baseUrl = 'http://localhost:7007/api/paved';

// Every row renders metric tiles whose charts load lazily; on a busy
// 2-core machine the first test needs more than the default 5 s.
jest.setTimeout(30_000);

describe('DoraOrganisationCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // The sparkline (recharts) is a lazy chunk: load it once, outside the
  // tests' time limit.
  beforeAll(() => import('./DoraSparkline'), 30_000);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const render = () =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <DoraOrganisationCard />
      </TestApiProvider>,
    );
  const sortBy = async (title: string) => {
    const header = screen
      .getAllByRole('columnheader')
      .find(h => h.textContent === title)!;
    await userEvent.click(within(header).getAllByRole('button')[0]);
  };
  const names = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map(r => within(r).getAllByRole('cell')[0].textContent);

  it('shows teams with their keys and bands, and switches to components', async () => {
    server.use(
      http.get(`${baseUrl}/v1/dora/organisation`, () =>
        HttpResponse.json(organisationReport),
      ),
    );
    await render();
    expect(await screen.findByText('2 teams')).toBeInTheDocument();
    expect(names()).toEqual([
      'team-calm2 components',
      'team-fixtures1 component',
    ]);
    expect(
      screen.getByRole('img', {
        name: 'Change failure rate: 1 elite, 1 low',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: /components \(3\)/ }),
    );
    expect(await screen.findByText('3 components')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Lead time for changes: 1 elite, 2 no data',
      }),
    ).toBeInTheDocument();
    // Sorting by lead time puts components without a value last.
    await sortBy('Lead time for changes');
    expect(names()[0]).toBe('dupgroup:default/team-fixtures');
  });

  it('sorts change failure rate best first, no data last', async () => {
    server.use(
      http.get(`${baseUrl}/v1/dora/organisation`, () =>
        HttpResponse.json(organisationReport),
      ),
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: /components/ }),
    );
    await sortBy('Change failure rate');
    expect(names()).toEqual([
      'calmgroup:default/team-calm',
      'dupgroup:default/team-fixtures',
      'flakygroup:default/team-calm',
    ]);
  });

  it('shows deployment rework rate per row, without bands', async () => {
    server.use(
      http.get(`${baseUrl}/v1/dora/organisation`, () =>
        HttpResponse.json(organisationReport),
      ),
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: /components/ }),
    );
    await sortBy('Deployment rework rate (no bands)');
    // Lowest first: calm and dup 0 %, flaky 25 % (1 of 4).
    expect(names().at(-1)).toBe('flakygroup:default/team-calm');
    const flaky = screen.getAllByRole('row').at(-1)!;
    const cells = within(flaky).getAllByRole('cell');
    expect(cells.at(-1)?.textContent).toBe('25 %');
    expect(
      screen.getAllByText(
        'DORA publishes no bands for deployment rework rate yet.',
      ).length,
    ).toBeGreaterThan(0);
  });

  it('says how to get data in when there is none', async () => {
    server.use(
      http.get(`${baseUrl}/v1/dora/organisation`, () =>
        HttpResponse.json(emptyOrganisationReport),
      ),
    );
    await render();
    expect(
      await screen.findByText(
        /No teams with deployments or incidents in this window/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('no production deployments in window').length,
    ).toBeGreaterThan(0);
  });
});
