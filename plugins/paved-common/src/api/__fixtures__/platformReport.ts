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
import { PlatformReport, ReportFigure } from '../../report/types';

const fig = (value: number | null, text: string, link: string): ReportFigure => ({
  value,
  text,
  link,
});
const change = (
  current: ReportFigure,
  previous: ReportFigure,
  delta: ReportFigure,
) => ({ current, previous, change: delta });
const na = (link: string) => fig(null, 'n/a', link);

const doraMetrics = {
  deploymentFrequency: change(
    fig(0.5, '3.5/week', '/paved'),
    fig(0.25, '1.8/week', '/paved'),
    fig(0.25, '+1.8/week', '/paved'),
  ),
  leadTime: change(
    fig(7200, '2.0 h', '/paved'),
    na('/paved'),
    na('/paved'),
  ),
  changeFailureRate: change(
    fig(0.1, '10 %', '/paved'),
    fig(0.2, '20 %', '/paved'),
    fig(-0.1, '-10 pp', '/paved'),
  ),
  recoveryTime: change(na('/paved'), na('/paved'), na('/paved')),
};

/** A platform report as `GET /v1/report?month=2026-11` answers it. */
export const platformReport: PlatformReport = {
  month: '2026-11',
  previousMonth: '2026-10',
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  timeZone: 'UTC',
  monthToDate: false,
  generatedAt: '2026-12-02T08:00:00.000Z',
  link: '/paved/report?month=2026-11',
  summary: [
    {
      text: 'In November 2026 the teams you may see deployed to production 15 times (+7 on October 2026), with a median lead time for changes of 2.0 h.',
      figures: [
        fig(15, '15', '/paved'),
        fig(7, '+7', '/paved'),
        fig(7200, '2.0 h', '/paved'),
      ],
    },
    {
      text: 'Platform NPS (Paved platform NPS) was 40 from 10 responses.',
      figures: [
        fig(40, '40', '/paved'),
        fig(10, '10', '/paved'),
      ],
    },
    {
      text: '50 % of 4 components came from a golden path, and 1 of 2 SLO objectives was healthy at the end of the month.',
      figures: [
        fig(0.5, '50 %', '/paved'),
        fig(4, '4', '/paved'),
        fig(1, '1', '/catalog/default/component/checkout'),
        fig(2, '2', '/catalog/default/component/checkout'),
      ],
    },
  ],
  dora: {
    available: true,
    link: '/paved',
    deployments: change(
      fig(15, '15', '/paved'),
      fig(8, '8', '/paved'),
      fig(7, '+7', '/paved'),
    ),
    organisation: doraMetrics,
    teams: [
      {
        ref: 'group:default/team-a',
        title: 'Team A',
        link: '/catalog/default/group/team-a',
        entities: fig(2, '2', '/paved'),
        deployments: change(
          fig(15, '15', '/paved'),
          fig(8, '8', '/paved'),
          fig(7, '+7', '/paved'),
        ),
        metrics: doraMetrics,
      },
    ],
  },
  nps: {
    available: true,
    link: '/paved',
    surveys: [
      {
        ref: 'survey:default/paved-platform-nps',
        title: 'Paved platform NPS',
        subject: 'platform',
        period: '2026-11',
        link: '/paved',
        tooFewAnswers: false,
        minimumAnswers: 5,
        nps: fig(40, '40', '/paved'),
        responses: fig(10, '10', '/paved'),
        comments: fig(3, '3', '/paved'),
      },
    ],
    themes: {
      available: false,
      notAvailableReason:
        'Survey comments are free text; no feedback request was made from them yet',
      items: [],
    },
  },
  adoption: {
    available: true,
    link: '/paved',
    basis: 'month-end-snapshot',
    asOf: '2026-11-30',
    components: fig(4, '4', '/paved'),
    funnel: [
      {
        id: 'catalog',
        title: 'In the catalog',
        count: fig(4, '4', '/paved'),
        share: fig(1, '100 %', '/paved'),
      },
    ],
    goldenPathShare: fig(0.5, '50 %', '/paved'),
    onCurrentVersionShare: fig(0.25, '25 %', '/paved'),
    drifted: fig(1, '1', '/paved'),
  },
  scores: {
    available: true,
    link: '/paved',
    scored: fig(4, '4', '/paved'),
    automation: {
      average: fig(62.5, '62.5', '/paved'),
      buckets: [{ from: 60, to: 80, count: fig(4, '4', '/paved') }],
    },
    complexity: {
      average: fig(20, '20', '/paved'),
      buckets: [{ from: 20, to: 40, count: fig(4, '4', '/paved') }],
    },
  },
  slos: {
    available: true,
    link: '/paved',
    at: '2026-12-01T00:00:00.000Z',
    statusCounts: {
      healthy: fig(1, '1', '/paved'),
      'at-risk': fig(0, '0', '/paved'),
      exhausted: fig(1, '1', '/paved'),
      'no-data': fig(0, '0', '/paved'),
    },
    objectives: [
      {
        entityRef: 'component:default/checkout',
        name: 'deploys',
        status: 'healthy',
        link: '/catalog/default/component/checkout',
        target: fig(0.9, '90 %', '/catalog/default/component/checkout'),
        attainment: fig(0.95, '95 %', '/catalog/default/component/checkout'),
        errorBudgetRemaining: fig(
          0.5,
          '50 %',
          '/catalog/default/component/checkout',
        ),
      },
    ],
  },
  roadmap: {
    available: false,
    notAvailableReason: 'The roadmap is not installed in this backend',
    link: '/paved/roadmap',
    shipped: [],
    next: [],
  },
  topRequests: {
    available: false,
    notAvailableReason: 'The feedback board is not installed in this backend',
    link: '/paved/feedback',
    items: [],
  },
};
