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
import { PavedClient, PlatformReport } from '@paved/plugin-paved-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { pavedApiRef } from '../../api';
import { ReportPage } from './ReportPage';

const baseUrl = 'http://localhost:7007/api/paved';

const fig = (value: number | null, text: string, link = '/paved') => ({
  value,
  text,
  link,
});

/** A report of a caller who may read DORA and SLOs but no survey results. */
const report: PlatformReport = {
  month: '2026-10',
  previousMonth: '2026-09',
  from: '2026-10-01T00:00:00.000Z',
  to: '2026-11-01T00:00:00.000Z',
  timeZone: 'UTC',
  monthToDate: false,
  generatedAt: '2026-11-02T08:00:00.000Z',
  link: '/paved/report?month=2026-10',
  summary: [
    {
      text: 'In October 2026 there were 6 production deployments (+2 on September 2026), with a median lead time for changes of 3.0 h.',
      figures: [fig(6, '6'), fig(2, '+2'), fig(10800, '3.0 h')],
    },
    {
      text: 'NPS for October 2026 is not available: You are not allowed to read survey results.',
      figures: [],
    },
    {
      text: 'Adoption figures are not available, and 2 of 3 SLO objectives were healthy at the end of the month.',
      figures: [fig(2, '2'), fig(3, '3')],
    },
  ],
  dora: {
    available: true,
    link: '/paved',
    deployments: {
      current: fig(6, '6'),
      previous: fig(4, '4'),
      change: fig(2, '+2'),
    },
    teams: [
      {
        ref: 'group:default/payments',
        title: 'Payments',
        link: '/catalog/default/group/payments',
        entities: fig(1, '1'),
        deployments: {
          current: fig(6, '6'),
          previous: fig(4, '4'),
          change: fig(2, '+2'),
        },
        metrics: {
          deploymentFrequency: {
            current: fig(0.19, '1.4/week'),
            previous: fig(0.13, '0.9/week'),
            change: fig(0.06, '+0.4/week'),
          },
          leadTime: {
            current: fig(10800, '3.0 h'),
            previous: fig(null, 'n/a'),
            change: fig(null, 'n/a'),
          },
          changeFailureRate: {
            current: fig(0, '0 %'),
            previous: fig(0.25, '25 %'),
            change: fig(-0.25, '-25 pp'),
          },
          recoveryTime: {
            current: fig(null, 'n/a'),
            previous: fig(null, 'n/a'),
            change: fig(null, 'n/a'),
          },
        },
      },
    ],
  },
  nps: {
    available: false,
    notAvailableReason: 'You are not allowed to read survey results',
    link: '/paved',
    surveys: [],
    themes: {
      available: false,
      notAvailableReason: 'no feedback request was made from survey comments',
      items: [],
    },
  },
  adoption: {
    available: false,
    notAvailableReason: 'The adoption computation has not run yet',
    link: '/paved',
    funnel: [],
  },
  scores: {
    available: false,
    notAvailableReason: 'No component you may see has been scored yet',
    link: '/paved',
  },
  slos: {
    available: true,
    link: '/paved',
    at: '2026-11-01T00:00:00.000Z',
    statusCounts: {
      healthy: fig(2, '2'),
      'at-risk': fig(0, '0'),
      exhausted: fig(1, '1'),
      'no-data': fig(0, '0'),
    },
    objectives: [
      {
        entityRef: 'component:default/pay',
        name: 'deploys',
        status: 'exhausted',
        link: '/catalog/default/component/pay/platform',
        target: fig(0.99, '99 %', '/catalog/default/component/pay/platform'),
        attainment: fig(0.9, '90 %', '/catalog/default/component/pay/platform'),
        errorBudgetRemaining: fig(
          -9,
          '-900 %',
          '/catalog/default/component/pay/platform',
        ),
      },
    ],
  },
  roadmap: {
    available: true,
    link: '/paved/roadmap',
    shipped: [
      {
        title: 'Faster CI',
        link: '/paved/roadmap',
        status: 'shipped',
        date: '2026-10-14',
        detail: 'Lead time of payments: 5.0 h before, target 4.0 h',
        figure: fig(10800, 'after: 3.0 h', '/paved/roadmap'),
      },
    ],
    next: [],
  },
  topRequests: {
    available: true,
    link: '/paved/feedback',
    items: [
      {
        title: 'Preview environments',
        link: '/paved/feedback',
        status: 'Planned',
        figure: fig(12, '12 votes', '/paved/feedback'),
      },
    ],
  },
};

describe('ReportPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new PavedClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (...args) => fetch(...args) },
  });
  const render = (path: string) =>
    renderInTestApp(
      <TestApiProvider apis={[[pavedApiRef, client]]}>
        <ReportPage />
      </TestApiProvider>,
      { routeEntries: [path] },
    );

  it('shows the month in the URL with every figure linked to its view', async () => {
    const months: string[] = [];
    server.use(
      http.get(`${baseUrl}/v1/report`, ({ request }) => {
        months.push(new URL(request.url).searchParams.get('month')!);
        return HttpResponse.json(report);
      }),
    );
    await render('/paved/report?month=2026-10');
    expect(
      await screen.findByText(/there were 6 production deployments/),
    ).toBeInTheDocument();
    expect(months).toEqual(['2026-10']);
    expect(screen.getByLabelText('Month')).toHaveValue('2026-10');

    const dora = screen.getByRole('region', { name: 'DORA per team' });
    expect(
      within(dora).getByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments');
    expect(within(dora).getByRole('link', { name: '-25 pp' })).toHaveAttribute(
      'href',
      '/paved',
    );
    const slos = screen.getByRole('region', { name: 'SLOs and error budgets' });
    expect(within(slos).getByRole('link', { name: '90 %' })).toHaveAttribute(
      'href',
      '/catalog/default/component/pay/platform',
    );
    // Sections the caller may not read say so instead of showing zeros.
    const nps = screen.getByRole('region', {
      name: 'Developer satisfaction (NPS)',
    });
    expect(
      within(nps).getByText(
        'Not available: You are not allowed to read survey results',
      ),
    ).toBeInTheDocument();
    const requests = screen.getByRole('region', { name: 'Top-voted requests' });
    expect(
      within(requests).getByRole('link', { name: '12 votes' }),
    ).toHaveAttribute('href', '/paved/feedback');
    expect(screen.getByRole('button', { name: 'Print' })).toBeInTheDocument();
  });

  it('names the month when the backend refuses it', async () => {
    server.use(
      http.get(`${baseUrl}/v1/report`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'month 2999-01 has not started yet',
            },
            request: { method: 'GET', url: '/v1/report?month=2999-01' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await render('/paved/report?month=2999-01');
    expect(
      (await screen.findAllByText(/month 2999-01 has not started yet/))[0],
    ).toBeInTheDocument();
  });

  it('refuses a month that is not YYYY-MM without calling the backend', async () => {
    let calls = 0;
    server.use(
      http.get(`${baseUrl}/v1/report`, () => {
        calls++;
        return HttpResponse.json(report);
      }),
    );
    await render('/paved/report?month=october');
    expect(
      (
        await screen.findAllByText(
          /month must be a month as YYYY-MM, e\.g\. 2026-11 \(got 'october'\)/,
        )
      )[0],
    ).toBeInTheDocument();
    expect(calls).toBe(0);
  });
});
