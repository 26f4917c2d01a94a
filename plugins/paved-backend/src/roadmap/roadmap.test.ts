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
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  AdoptionMetrics,
  shiftSurveyPeriod,
  surveyPeriodId,
  surveyPeriodStart,
} from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import request from 'supertest';
import { AdoptionSnapshotStore } from '../adoption/AdoptionSnapshotStore';
import { FixtureLedger, migrate } from '../dora/__testUtils__/fixtureLedger';
import { pavedPlugin } from '../plugin';
import { SurveyAnswerStore } from '../surveys/SurveyAnswerStore';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
jest.setTimeout(120_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;
// Shipped 60 days before today (UTC), so both 28-day windows are over.
const today = Date.UTC(
  new Date().getUTCFullYear(),
  new Date().getUTCMonth(),
  new Date().getUTCDate(),
);
const SHIP = new Date(today - 60 * DAY);
const SHIPPED_ON = SHIP.toISOString().slice(0, 10);
/** An instant `days` days and `hours` hours after the ship date. */
const at = (days: number, hours = 0) =>
  new Date(SHIP.getTime() + days * DAY + hours * HOUR).toISOString();
const dayAt = (days: number) => at(days).slice(0, 10);

const SLOS = `
objectives:
  - name: deploys
    type: deployment-success-rate
    target: 0.9
    window: 28d
`;
const component = (name: string, owner: string, slos?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(slos ? { annotations: { 'paved.dev/slos': slos } } : {}),
  },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});
const item = (
  name: string,
  outcome: JsonObject,
  horizon = 'shipped',
): Entity => ({
  apiVersion: 'paved.dev/v1alpha1',
  kind: 'RoadmapItem',
  metadata: { name, namespace: 'default', title: `Item ${name}` },
  spec: {
    owner: 'group:default/platform-team',
    problem: `Problem of ${name}`,
    horizon,
    ...(horizon === 'shipped' ? { shippedOn: SHIPPED_ON } : {}),
    requests: [7],
    outcome,
  },
});

const ENTITIES: Entity[] = [
  component('web-a', 'group:default/team-web', SLOS),
  component('web-b', 'group:default/team-web'),
  component('api-x', 'group:default/team-api'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-web', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Survey',
    metadata: { name: 'platform-nps', namespace: 'default', title: 'NPS' },
    spec: {
      owner: 'group:default/platform-team',
      question: 'How likely are you to recommend the platform?',
      subject: 'platform',
      period: 'monthly',
      minimumAnswers: 3,
    },
  },
  item('faster-web', {
    metric: 'leadTime',
    group: 'group:default/team-web',
    target: '12h',
  }),
  item('happier', {
    metric: 'nps',
    survey: 'survey:default/platform-nps',
    target: 30,
  }),
  item('automate', { metric: 'automationScore', target: 60 }),
  item('golden', {
    metric: 'adoptionStage',
    stage: 'golden-path',
    target: 0.5,
  }),
  item('reliable', {
    metric: 'sloAttainment',
    entity: 'component:default/web-a',
    target: 1,
  }),
  item('more-automation', { metric: 'automationScore', target: 80 }, 'next'),
  // Invalid: left out of the roadmap and counted.
  item('broken', { metric: 'velocity', target: 1 }, 'now'),
];

/** Users whose permission decisions differ from "allowed". */
const NO_DORA = 'user:default/nora';
const NO_ROADMAP = 'user:default/rex';
function decide(permission: string, user?: string): PolicyDecision {
  if (user === NO_ROADMAP && permission === 'paved.roadmap.read') {
    return { result: AuthorizeResult.DENY };
  }
  if (user === NO_DORA && permission === 'paved.dora.read') {
    return { result: AuthorizeResult.DENY };
  }
  return { result: AuthorizeResult.ALLOW };
}
const userOf = (credentials: any) => credentials?.principal?.userEntityRef;
const permissions = mockServices.permissions.mock({
  authorize: async (requests: any[], { credentials }: any) =>
    requests.map(r => decide(r.permission.name, userOf(credentials))) as any,
  authorizeConditional: async (requests: any[], { credentials }: any) =>
    requests.map(r => decide(r.permission.name, userOf(credentials))) as any,
});

function snapshot(
  automationScore: number,
  components: number,
  goldenPath: number,
): AdoptionMetrics {
  return {
    components,
    automationScore,
    funnel: [
      { id: 'catalog', title: 'In the catalog', count: components, share: 1 },
      {
        id: 'golden-path',
        title: 'Created from a golden path',
        count: goldenPath,
        share: goldenPath / components,
      },
    ],
  } as unknown as AdoptionMetrics;
}

/** The hand-worked data, written through Paved's own stores. */
async function seed(knex: Knex) {
  const ledger = new FixtureLedger(knex);
  const web = (name: string) => `component:default/${name}`;
  // Lead time before: 24h, 48h (web-a) and 72h (web-b) → median 48h.
  await ledger.deploy(web('web-a'), {
    id: 'a1',
    finished: at(-20, 12),
    commits: [
      ['c1', at(-21, 12)],
      ['c2', at(-22, 12)],
    ],
  });
  await ledger.deploy(web('web-b'), {
    id: 'b1',
    finished: at(-10, 12),
    commits: [['c3', at(-13, 12)]],
  });
  // A failed deployment: no lead time, but it fails web-a's SLO before.
  await ledger.deploy(web('web-a'), {
    id: 'a-failed',
    finished: at(-15),
    status: 'failure',
  });
  // Not counted: staging, another team, outside both windows.
  await ledger.deploy(web('web-b'), {
    id: 'b-staging',
    finished: at(-5),
    environment: 'staging',
    commits: [['s1', at(-25)]],
  });
  await ledger.deploy(web('api-x'), {
    id: 'x1',
    finished: at(-8),
    commits: [['x1', at(-27)]],
  });
  await ledger.deploy(web('web-a'), {
    id: 'a-late',
    finished: at(40),
    commits: [['late', at(30)]],
  });
  // Lead time after: 6h, 12h (web-a) and 4h, 24h (web-b) → median 9h.
  await ledger.deploy(web('web-a'), {
    id: 'a2',
    finished: at(5, 12),
    commits: [
      ['c4', at(5, 6)],
      ['c5', at(5, 0)],
    ],
  });
  await ledger.deploy(web('web-b'), {
    id: 'b2',
    finished: at(10, 12),
    commits: [
      ['c6', at(10, 8)],
      ['c7', at(9, 12)],
    ],
  });

  // NPS per month: before = the month before the ship month, after = the
  // first month that starts on or after the ship date.
  const shipMonth = surveyPeriodId('monthly', SHIP);
  const before = shiftSurveyPeriod('monthly', shipMonth, -1);
  const after =
    surveyPeriodStart('monthly', shipMonth).getTime() === SHIP.getTime()
      ? shipMonth
      : shiftSurveyPeriod('monthly', shipMonth, 1);
  const answers = new SurveyAnswerStore(knex);
  const answer = (period: string, scores: number[]) =>
    Promise.all(
      scores.map((score, i) =>
        answers.upsert({
          surveyRef: 'survey:default/platform-nps',
          period,
          respondentHash: `${period}-${i}`,
          score,
        }),
      ),
    );
  // 2 promoters, 1 passive, 1 detractor of 4: NPS 25.
  await answer(before, [10, 9, 8, 3]);
  // 3 promoters, 1 passive, 1 detractor of 5: NPS 40.
  await answer(after, [10, 10, 9, 7, 6]);
  if (after !== shipMonth) await answer(shipMonth, [0, 0, 0]);

  // Adoption snapshots: the last one in each window counts.
  const snapshots = new AdoptionSnapshotStore(knex);
  const put = (days: number, metrics: AdoptionMetrics) =>
    snapshots.put({
      day: dayAt(days),
      computedAt: new Date(at(days, 3)),
      durationMs: 10,
      metrics,
      templates: [],
    });
  await put(-27, snapshot(40, 10, 2));
  await put(-3, snapshot(45, 12, 3));
  await put(1, snapshot(50, 12, 4));
  await put(27, snapshot(62, 14, 7));
  await put(30, snapshot(70, 15, 9));
  return { before, after };
}

describe.each(databases.eachSupportedId())('roadmap on %p', databaseId => {
  let server: any;
  let periods: { before: string; after: string };

  beforeAll(async () => {
    const knex = await migrate(await databases.init(databaseId));
    periods = await seed(knex);
    ({ server } = await startTestBackend({
      features: [
        pavedPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            paved: {
              surveys: { secret: 'roadmap-test' },
              // The adoption run would add today's snapshot to the data.
              adoption: {
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 15 },
                  initialDelay: { hours: 1 },
                },
              },
            },
          },
        }),
      ],
    }));
  });

  const get = (path: string, user = 'user:default/ada') =>
    request(server)
      .get(`/api/paved${path}`)
      .set('Authorization', mockCredentials.user.header(user));
  const byName = (roadmap: any) =>
    Object.fromEntries(
      [
        ...roadmap.now,
        ...roadmap.next,
        ...roadmap.later,
        ...roadmap.shipped,
      ].map((i: any) => [i.name, i]),
    );

  it('groups the items by horizon and leaves out invalid ones', async () => {
    const res = await get('/v1/roadmap');
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.windowDays).toBe(28);
    expect(res.body.invalid).toBe(1);
    expect(res.body.now).toEqual([]);
    expect(res.body.next.map((i: any) => i.name)).toEqual(['more-automation']);
    expect(res.body.shipped.map((i: any) => i.name).sort()).toEqual([
      'automate',
      'faster-web',
      'golden',
      'happier',
      'reliable',
    ]);
    expect(byName(res.body)['faster-web']).toMatchObject({
      ref: 'roadmapitem:default/faster-web',
      owner: 'group:default/platform-team',
      problem: 'Problem of faster-web',
      shippedOn: SHIPPED_ON,
      requests: ['7'],
    });
  });

  it('computes lead time of a group before and after the ship date', async () => {
    const res = await get('/v1/roadmap/default/faster-web');
    expect(res.status).toBe(200);
    expect(res.body.outcome).toMatchObject({
      metric: 'leadTime',
      unit: 'seconds',
      target: 43200,
      direction: 'decrease',
      windowDays: 28,
      before: {
        from: at(-28),
        to: at(0),
        value: 48 * 3600,
        sampleCount: 3,
        sampleUnit: 'commits',
        deployments: 2,
      },
      after: {
        from: at(0),
        to: at(28),
        value: 9 * 3600,
        sampleCount: 4,
        sampleUnit: 'commits',
        deployments: 2,
      },
      targetMet: true,
    });
  });

  it('reads NPS from the survey periods around the ship date', async () => {
    const { outcome } = (await get('/v1/roadmap/default/happier')).body;
    expect(outcome.before).toMatchObject({
      period: periods.before,
      value: 25,
      sampleCount: 4,
      sampleUnit: 'answers',
    });
    expect(outcome.after).toMatchObject({
      period: periods.after,
      value: 40,
      sampleCount: 5,
    });
    expect(outcome.targetMet).toBe(true);
  });

  it('reads adoption from the last snapshot of each window', async () => {
    const roadmap = byName((await get('/v1/roadmap')).body);
    expect(roadmap.automate.outcome).toMatchObject({
      before: { value: 45, sampleCount: 12, asOf: dayAt(-3) },
      after: { value: 62, sampleCount: 14, asOf: dayAt(27) },
      targetMet: true,
    });
    expect(roadmap.golden.outcome).toMatchObject({
      before: { value: 3 / 12, sampleCount: 12, sampleUnit: 'components' },
      after: { value: 7 / 14, sampleCount: 14 },
      targetMet: true,
    });
  });

  it('counts SLO objectives met at the end of each window', async () => {
    const { outcome } = (await get('/v1/roadmap/default/reliable')).body;
    // Before: 1 of 2 deployments succeeded (0.5 < 0.9); after: 1 of 1.
    expect(outcome.before).toMatchObject({
      value: 0,
      sampleCount: 1,
      sampleUnit: 'objectives',
    });
    expect(outcome.after).toMatchObject({ value: 1, sampleCount: 1 });
    expect(outcome.targetMet).toBe(true);
  });

  it('shows the current value of an item not shipped yet', async () => {
    const { outcome } = (await get('/v1/roadmap/default/more-automation')).body;
    expect(outcome.before).toBeUndefined();
    // The newest snapshot (30 days after the ship date) is 30 days old.
    expect(outcome.current).toMatchObject({
      value: null,
      sampleCount: 0,
      notAvailableReason: expect.stringMatching(/^no adoption snapshot/),
    });
    expect(outcome.targetMet).toBeNull();
    const wide = (
      await get('/v1/roadmap/default/more-automation?windowDays=31')
    ).body.outcome;
    expect(wide.current).toMatchObject({ value: 70, sampleCount: 15 });
    expect(wide.targetMet).toBe(false);
  });

  it('says why a metric the caller may not read is not available', async () => {
    const roadmap = byName((await get('/v1/roadmap', NO_DORA)).body);
    expect(roadmap['faster-web'].outcome.before).toEqual({
      from: at(-28),
      to: at(0),
      value: null,
      sampleCount: 0,
      sampleUnit: 'commits',
      notAvailableReason: 'not allowed to read DORA metrics',
    });
    // The other metrics are still there.
    expect(roadmap.automate.outcome.after.value).toBe(62);
  });

  it('refuses callers without the roadmap permission and bad input', async () => {
    expect((await get('/v1/roadmap', NO_ROADMAP)).status).toBe(403);
    expect(
      (await get('/v1/roadmap/default/faster-web', NO_ROADMAP)).status,
    ).toBe(403);
    expect((await get('/v1/roadmap/default/nothing')).status).toBe(404);
    const bad = await get('/v1/roadmap?windowDays=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/windowDays/);
    const invalid = await get('/v1/roadmap/default/broken');
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/spec\.outcome\.metric/);
  });
});
