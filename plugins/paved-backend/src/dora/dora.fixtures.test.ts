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
import { TestDatabases } from '@backstage/backend-test-utils';
import { DoraReport } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import {
  component,
  doraService,
  FixtureLedger,
  migrate,
} from './__testUtils__/fixtureLedger';

/*
 * Hand-computed fixtures for the DORA definitions in docs/dora.md. Every
 * expected number is worked out in the comment next to the fixture.
 *
 * Unless a fixture says otherwise the window is 2026-09-01 to 2026-09-28
 * in UTC, dates inclusive: [Sep 1 00:00Z, Sep 29 00:00Z), 28 days. Sep 1
 * 2026 is a Tuesday, so the weekly buckets are
 *   0 [Sep 1, Sep 7)  6 days    1 [Sep 7, Sep 14)   2 [Sep 14, Sep 21)
 *   3 [Sep 21, Sep 28)          4 [Sep 28, Sep 29)  1 day
 * Bands are the defaults: frequency elite ≤ 1 day between deployments,
 * high ≤ 7 days, medium ≤ 30 days; lead time and recovery time elite
 * below 1 day / 1 hour, high below 7 days / 1 day, medium below 30 days /
 * 7 days; change failure rate elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const WINDOW = { from: '2026-09-01', to: '2026-09-28' };
const HOUR = 3600;
const DAY = 24 * HOUR;

const ref = (name: string) => `component:default/${name}`;
const TEAM = 'group:default/team-fixtures';
const entities = [
  component('multi', TEAM, 'system:default/shop'),
  component('skew', TEAM, 'system:default/shop'),
  component('dup', TEAM),
  component('quiet', 'group:default/team-quiet'),
  component('calm', 'group:default/team-calm'),
  component('flaky', 'group:default/team-calm'),
  component('early', 'group:default/team-calm'),
  component('longfix', 'group:default/team-calm'),
  component('weekly', 'group:default/team-calm'),
];

async function seed(db: Knex) {
  const ledger = new FixtureLedger(db);

  // EMPTY WINDOW — quiet deployed (with a commit) only before the window.
  // Expected: every metric null; deployments, lead time and failure rate
  // "no production deployments in window", recovery "no incidents resolved
  // in window"; 0 samples; every trend point null.
  await ledger.deploy(ref('quiet'), {
    id: 'quiet-1',
    finished: '2026-08-01T10:00:00Z',
    commits: [['q1', '2026-07-31T10:00:00Z']],
  });

  // DEPLOYMENTS WITH NO INCIDENTS — calm: production deployments Sep 2, 9,
  // 16, 23; a staging deployment (not production) and a failed production
  // deployment (counted separately, not as a deployment).
  //   frequency 4 / 28 days = 0.142857/day, 1 per week; 28 days / 4 = 7
  //   days between deployments ≤ 7 days → high
  //   trend (per day in each bucket): 1/6, 1/7, 1/7, 1/7, null (no samples)
  //   change failure rate 0 / 4 = 0 → elite; failed deployments 1
  //   lead time: no commits → "no commits with a commit time ..."
  for (const [i, day] of ['02', '09', '16', '23'].entries()) {
    await ledger.deploy(ref('calm'), {
      id: `calm-${i}`,
      finished: `2026-09-${day}T10:00:00Z`,
    });
  }
  await ledger.deploy(ref('calm'), {
    id: 'calm-staging',
    finished: '2026-09-03T10:00:00Z',
    environment: 'staging',
  });
  await ledger.deploy(ref('calm'), {
    id: 'calm-failed',
    finished: '2026-09-04T10:00:00Z',
    status: 'failure',
  });

  // ONE DEPLOYMENT WITH SEVERAL COMMITS, EVEN-SIZED MEDIAN — multi: one
  // deployment finishing Sep 10 12:00 ships 4 commits, committed 1 h, 2 h,
  // 24 h and 48 h before: samples 3600, 7200, 86400, 172800 s. Median of
  // an even count interpolates the middle two: (7200 + 86400) / 2 = 46800
  // s (13 h) → elite.
  await ledger.deploy(ref('multi'), {
    id: 'multi-1',
    finished: '2026-09-10T12:00:00Z',
    commits: [
      ['m1', '2026-09-10T11:00:00Z'],
      ['m2', '2026-09-10T10:00:00Z'],
      ['m3', '2026-09-09T12:00:00Z'],
      ['m4', '2026-09-08T12:00:00Z'],
    ],
  });

  // COMMIT AFTER DEPLOY, FIRST PRODUCTION DEPLOYMENT — skew:
  //   D1 Sep 10 12:00 ships s1 (committed 13:00, after the deployment: the
  //     sample would be −1 h and is dropped), s2 (11:00 → 3600 s), s3 (Sep
  //     9 12:00 → 86400 s).
  //   A staging deployment Sep 11 14:00 ships s4 (committed Sep 11 12:00).
  //   D2 Sep 12 12:00 ships s3 again (not its first production deployment:
  //     no new sample) and s4 (first production deployment → 86400 s; the
  //     staging deployment does not count).
  //   samples 3600, 86400, 86400 → median 86400 = 1 day, not below 1 day →
  //   high. 2 deployments.
  await ledger.deploy(ref('skew'), {
    id: 'skew-1',
    finished: '2026-09-10T12:00:00Z',
    commits: [
      ['s1', '2026-09-10T13:00:00Z'],
      ['s2', '2026-09-10T11:00:00Z'],
      ['s3', '2026-09-09T12:00:00Z'],
    ],
  });
  await ledger.deploy(ref('skew'), {
    id: 'skew-staging',
    finished: '2026-09-11T14:00:00Z',
    environment: 'staging',
    commits: [['s4', '2026-09-11T12:00:00Z']],
  });
  await ledger.deploy(ref('skew'), {
    id: 'skew-2',
    finished: '2026-09-12T12:00:00Z',
    commits: [
      ['s3', '2026-09-09T12:00:00Z'],
      ['s4', '2026-09-11T12:00:00Z'],
    ],
  });

  // TWO INCIDENTS FROM ONE DEPLOYMENT, ROLLBACK — flaky: deployments Sep
  // 3, 10, 17 (rolled back), 24, all 10:00. Two incidents name Sep 10:
  // opened Sep 11 08:00 resolved 10:00 (7200 s), opened Sep 12 08:00
  // resolved 12:00 (14400 s).
  //   failed changes: Sep 10 (two incidents count once) and Sep 17 (rolled
  //   back) = 2; rate 2 / 4 = 0.5 → low
  //   rate trend per bucket: 0/1 = 0, 1/1 = 1, 1/1 = 1, 0/1 = 0, null
  //   recovery median (7200 + 14400) / 2 = 10800 s (3 h) → high
  for (const [i, day] of ['03', '10', '17', '24'].entries()) {
    await ledger.deploy(ref('flaky'), {
      id: `flaky-${i}`,
      finished: `2026-09-${day}T10:00:00Z`,
    });
  }
  // The rollback is flagged later, on the deployment that was rolled back.
  await ledger.deploy(ref('flaky'), {
    id: 'flaky-2',
    finished: '2026-09-17T10:00:00Z',
    rolledBack: true,
  });
  await ledger.incident(ref('flaky'), {
    id: 'flaky-i1',
    opened: '2026-09-11T08:00:00Z',
    resolved: '2026-09-11T10:00:00Z',
    deployment: 'flaky-1',
  });
  await ledger.incident(ref('flaky'), {
    id: 'flaky-i2',
    opened: '2026-09-12T08:00:00Z',
    resolved: '2026-09-12T12:00:00Z',
    deployment: 'flaky-1',
  });

  // INCIDENT WITH NO PRIOR DEPLOYMENT, OPEN INCIDENT, ATTRIBUTION BY TIME —
  // early: an incident opened Sep 2 08:00 (before any deployment: caused by
  // none) resolved 08:30 (1800 s). Deployments Sep 5 and Sep 15 10:00. An
  // incident naming no deployment opened Sep 16 09:00 → the latest
  // successful production deployment before it, Sep 15; resolved 10:00
  // (3600 s). An incident opened Sep 20, still open → also Sep 15; no
  // recovery time.
  //   failure rate 1 / 2 = 0.5 → low
  //   recovery: 1800, 3600 (the open one excluded) → 2700 s → elite
  await ledger.incident(ref('early'), {
    id: 'early-i0',
    opened: '2026-09-02T08:00:00Z',
    resolved: '2026-09-02T08:30:00Z',
  });
  await ledger.deploy(ref('early'), {
    id: 'early-1',
    finished: '2026-09-05T10:00:00Z',
  });
  await ledger.deploy(ref('early'), {
    id: 'early-2',
    finished: '2026-09-15T10:00:00Z',
  });
  await ledger.incident(ref('early'), {
    id: 'early-i3',
    opened: '2026-09-16T09:00:00Z',
    resolved: '2026-09-16T10:00:00Z',
  });
  await ledger.incident(ref('early'), {
    id: 'early-i4',
    opened: '2026-09-20T09:00:00Z',
  });

  // DUPLICATE PIPELINE RECORDS — dup:
  //   run ci-1: two production records, finishing Sep 5 10:00 (ships d1,
  //     committed 09:20) and 10:20 → one deployment finishing 10:20, so
  //     d1's lead time is 3600 s; a staging record of the same run is not
  //     production.
  //   run ci-2: a failed record Sep 8 10:00 and its successful retry 10:30
  //     → one successful deployment.
  //   run ci-3: only a failed record (Sep 9) → one failed deployment.
  //   deployments 2, failed deployments 1, lead time 3600 s → elite
  await ledger.deploy(ref('dup'), {
    id: 'dup-a',
    finished: '2026-09-05T10:00:00Z',
    run: 'ci-1',
    commits: [['d1', '2026-09-05T09:20:00Z']],
  });
  await ledger.deploy(ref('dup'), {
    id: 'dup-b',
    finished: '2026-09-05T10:20:00Z',
    run: 'ci-1',
  });
  await ledger.deploy(ref('dup'), {
    id: 'dup-c',
    finished: '2026-09-05T09:50:00Z',
    run: 'ci-1',
    environment: 'staging',
  });
  await ledger.deploy(ref('dup'), {
    id: 'dup-e',
    finished: '2026-09-08T10:00:00Z',
    run: 'ci-2',
    status: 'failure',
  });
  await ledger.deploy(ref('dup'), {
    id: 'dup-f',
    finished: '2026-09-08T10:30:00Z',
    run: 'ci-2',
  });
  await ledger.deploy(ref('dup'), {
    id: 'dup-g',
    finished: '2026-09-09T10:00:00Z',
    run: 'ci-3',
    status: 'error',
  });

  // INCIDENT OPENED BEFORE THE WINDOW AND RESOLVED IN IT — longfix: opened
  // Aug 30 12:00, resolved Sep 2 12:00: 3 days = 259200 s → medium (below 7
  // days). An incident resolved after the window (Oct 2) does not count.
  await ledger.incident(ref('longfix'), {
    id: 'longfix-i1',
    opened: '2026-08-30T12:00:00Z',
    resolved: '2026-09-02T12:00:00Z',
  });
  await ledger.incident(ref('longfix'), {
    id: 'longfix-i2',
    opened: '2026-09-27T12:00:00Z',
    resolved: '2026-10-02T12:00:00Z',
  });

  // WEEK CROSSING A MONTH BOUNDARY, TIME ZONE — weekly, reported in
  // Europe/Berlin (CEST, UTC+2) for 2026-09-21 to 2026-10-11: [Sep 20
  // 22:00Z, Oct 11 22:00Z), 21 days; weeks start Monday 00:00 Berlin:
  //   0 [Sep 20 22:00Z, Sep 27 22:00Z)  Sep 21-27
  //   1 [Sep 27 22:00Z, Oct 4 22:00Z)   Sep 28-Oct 4, across the month end
  //   2 [Oct 4 22:00Z, Oct 11 22:00Z)   Oct 5-11
  // Deployments Sep 27 21:30Z (Sunday 23:30 in Berlin → week 0), Sep 29
  // and Oct 2 10:00Z (week 1), Oct 4 22:30Z (Monday 00:30 in Berlin → week
  // 2; in UTC it would still be week 1).
  //   counts per week 1, 2, 1; frequency 4 / 21 per day
  for (const [i, finished] of [
    '2026-09-27T21:30:00Z',
    '2026-09-29T10:00:00Z',
    '2026-10-02T10:00:00Z',
    '2026-10-04T22:30:00Z',
  ].entries()) {
    await ledger.deploy(ref('weekly'), { id: `weekly-${i}`, finished });
  }
}

describe('DORA metrics on hand-computed fixtures', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    let service: ReturnType<typeof doraService>['service'];

    beforeAll(async () => {
      db = await migrate(await databases.init(databaseId));
      await seed(db);
      service = doraService(db, { entities }).service;
    });

    const report = (name: string, window: object = WINDOW) =>
      service.report({ entity: ref(name), ...window });
    const trendCounts = (r: DoraReport, key: keyof DoraReport['metrics']) =>
      r.metrics[key].trend!.map(p => p.sampleCount);

    it('reports an empty window as not available, never as zero', async () => {
      const r = await report('quiet');
      expect(r.entityCount).toBe(0);
      for (const key of [
        'deploymentFrequency',
        'leadTime',
        'changeFailureRate',
      ] as const) {
        expect(r.metrics[key]).toMatchObject({
          value: null,
          band: null,
          sampleCount: 0,
          notAvailableReason: 'no production deployments in window',
        });
      }
      expect(r.metrics.recoveryTime).toMatchObject({
        value: null,
        notAvailableReason: 'no incidents resolved in window',
      });
      expect(r.metrics.deploymentFrequency.perWeek).toBeNull();
      for (const point of r.metrics.leadTime.trend!) {
        expect(point).toMatchObject({ value: null, sampleCount: 0 });
      }
    });

    it('counts production deployments and separates failed ones', async () => {
      const r = await report('calm');
      expect(r.window).toEqual({
        from: '2026-09-01T00:00:00.000Z',
        to: '2026-09-29T00:00:00.000Z',
        days: 28,
        timeZone: 'UTC',
      });
      const f = r.metrics.deploymentFrequency;
      expect(f.value).toBeCloseTo(4 / 28, 10);
      expect(f.perWeek).toBeCloseTo(1, 10);
      expect(f.sampleCount).toBe(4);
      expect(f.band).toBe('high');
      expect(f.failedDeployments).toBe(1);
      expect(f.trend!.map(p => p.value)).toEqual([
        1 / 6,
        1 / 7,
        1 / 7,
        1 / 7,
        null,
      ]);
      expect(f.trend!.map(p => p.start)).toEqual([
        '2026-09-01T00:00:00.000Z',
        '2026-09-07T00:00:00.000Z',
        '2026-09-14T00:00:00.000Z',
        '2026-09-21T00:00:00.000Z',
        '2026-09-28T00:00:00.000Z',
      ]);
      expect(r.metrics.changeFailureRate).toMatchObject({
        value: 0,
        band: 'elite',
        sampleCount: 4,
        failedChanges: 0,
      });
      expect(r.metrics.leadTime).toMatchObject({
        value: null,
        notAvailableReason:
          'no commits with a commit time were shipped by a first production deployment in window',
      });
    });

    it('takes the interpolated median of the commits of one deployment', async () => {
      const r = await report('multi');
      expect(r.metrics.leadTime).toMatchObject({
        value: 46800,
        unit: 'seconds',
        sampleCount: 4,
        band: 'elite',
      });
      expect(r.metrics.deploymentFrequency.band).toBe('medium');
    });

    it('drops commits after their deployment and counts the first production deployment', async () => {
      const r = await report('skew');
      expect(r.metrics.leadTime).toMatchObject({
        value: 86400,
        sampleCount: 3,
        band: 'high',
      });
      expect(r.metrics.deploymentFrequency.sampleCount).toBe(2);
    });

    it('counts a deployment with two incidents once, and rollbacks as failures', async () => {
      const r = await report('flaky');
      expect(r.metrics.changeFailureRate).toMatchObject({
        value: 0.5,
        unit: 'ratio',
        sampleCount: 4,
        failedChanges: 2,
        band: 'low',
      });
      expect(r.metrics.changeFailureRate.trend!.map(p => p.value)).toEqual([
        0,
        1,
        1,
        0,
        null,
      ]);
      expect(r.metrics.recoveryTime).toMatchObject({
        value: 3 * HOUR,
        sampleCount: 2,
        band: 'high',
      });
    });

    it('attributes incidents without a deployment by time and leaves open ones out of recovery', async () => {
      const r = await report('early');
      expect(r.metrics.changeFailureRate).toMatchObject({
        value: 0.5,
        failedChanges: 1,
        sampleCount: 2,
      });
      expect(r.metrics.recoveryTime).toMatchObject({
        value: 2700,
        sampleCount: 2,
        band: 'elite',
      });
    });

    it('collapses records of one pipeline run into one deployment', async () => {
      const r = await report('dup');
      expect(r.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 2,
        failedDeployments: 1,
      });
      expect(r.metrics.leadTime).toMatchObject({
        value: HOUR,
        sampleCount: 1,
        band: 'elite',
      });
    });

    it('counts an incident opened before the window and resolved in it', async () => {
      const r = await report('longfix');
      expect(r.entityCount).toBe(1);
      expect(r.metrics.recoveryTime).toMatchObject({
        value: 3 * DAY,
        sampleCount: 1,
        band: 'medium',
      });
      expect(r.metrics.deploymentFrequency.notAvailableReason).toBe(
        'no production deployments in window',
      );
    });

    it('cuts weeks at Monday midnight of the configured time zone, across a month end', async () => {
      const berlin = doraService(db, {
        entities,
        timeZone: 'Europe/Berlin',
      }).service;
      const r = await berlin.report({
        entity: ref('weekly'),
        from: '2026-09-21',
        to: '2026-10-11',
      });
      expect(r.window).toMatchObject({
        from: '2026-09-20T22:00:00.000Z',
        to: '2026-10-11T22:00:00.000Z',
        days: 21,
        timeZone: 'Europe/Berlin',
      });
      expect(trendCounts(r, 'deploymentFrequency')).toEqual([1, 2, 1]);
      expect(r.metrics.deploymentFrequency.trend!.map(p => p.start)).toEqual([
        '2026-09-20T22:00:00.000Z',
        '2026-09-27T22:00:00.000Z',
        '2026-10-04T22:00:00.000Z',
      ]);
      expect(r.metrics.deploymentFrequency.value).toBeCloseTo(4 / 21, 10);
      // The same deployments in UTC weeks: Oct 4 22:30Z is still Sunday.
      const utc = await report('weekly', {
        from: '2026-09-21',
        to: '2026-10-11',
      });
      expect(trendCounts(utc, 'deploymentFrequency')).toEqual([1, 3, 0]);
    });

    it('reports a team from the catalog owners, with the median of all its commits', async () => {
      // multi 3600, 7200, 86400, 172800; skew 3600, 86400, 86400; dup 3600
      // → sorted 3600 3600 3600 7200 86400 86400 86400 172800, n = 8 →
      // (7200 + 86400) / 2 = 46800. Deployments 1 + 2 + 2 = 5, failed 1.
      const r = await service.report({ group: 'team-fixtures', ...WINDOW });
      expect(r.scope).toEqual({ type: 'group', ref: TEAM });
      expect(r.entityCount).toBe(3);
      expect(r.metrics.leadTime).toMatchObject({
        value: 46800,
        sampleCount: 8,
      });
      expect(r.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 5,
        failedDeployments: 1,
      });
      // Weekly: bucket 1 (Sep 7-13) holds multi and skew's 7 commits:
      // 3600 3600 7200 86400 86400 86400 172800 → 86400; bucket 0 dup's.
      expect(r.metrics.leadTime.trend!.map(p => p.value)).toEqual([
        3600,
        86400,
        null,
        null,
        null,
      ]);
      const system = await service.report({ system: 'shop', ...WINDOW });
      // multi and skew: 3600 3600 7200 86400 86400 86400 172800 → 86400
      expect(system.metrics.leadTime).toMatchObject({
        value: 86400,
        sampleCount: 7,
      });
    });

    it('builds the organisation view with teams, systems, components and bands', async () => {
      const org = await service.organisation(WINDOW);
      // Deployments in the window: calm 4, multi 1, skew 2, flaky 4,
      // early 2, dup 2, weekly 1 (Sep 27 21:30Z) = 16; failed deployments
      // calm 1 + dup 1 = 2; failed changes flaky 2 + early 1 = 3.
      const o = org.organisation.metrics;
      expect(o.deploymentFrequency).toMatchObject({
        sampleCount: 16,
        failedDeployments: 2,
      });
      expect(o.changeFailureRate).toMatchObject({
        failedChanges: 3,
        value: 3 / 16,
        band: 'low',
      });
      // The same 8 commits as team-fixtures.
      expect(o.leadTime).toMatchObject({ value: 46800, sampleCount: 8 });
      // Recovery: early 1800, 3600; flaky 7200, 14400; longfix 259200 →
      // median 7200 (2 h) → high.
      expect(o.recoveryTime).toMatchObject({
        value: 7200,
        sampleCount: 5,
        band: 'high',
      });
      const row = (type: string, r: string | null) =>
        org.rows.find(x => x.type === type && x.ref === r);
      expect(row('group', TEAM)).toMatchObject({
        entityCount: 3,
        metrics: {
          leadTime: { value: 46800, sampleCount: 8 },
          deploymentFrequency: { sampleCount: 5 },
        },
      });
      // team-calm: calm, flaky, early, longfix, weekly → 4 + 4 + 2 + 0 + 1
      // = 11 deployments, failed changes 3 → 3 / 11.
      expect(row('group', 'group:default/team-calm')).toMatchObject({
        entityCount: 5,
        metrics: {
          deploymentFrequency: { sampleCount: 11 },
          changeFailureRate: { value: 3 / 11 },
          leadTime: { value: null },
        },
      });
      expect(
        row('system', 'system:default/shop')?.metrics.leadTime,
      ).toMatchObject({ value: 86400, sampleCount: 7 });
      // dup has no system: its row groups under null.
      expect(row('system', null)?.entityCount).toBe(6);
      expect(row('entity', ref('dup'))).toMatchObject({
        owner: TEAM,
        title: 'dup',
        metrics: { leadTime: { value: HOUR } },
      });
      // quiet has nothing in the window and no row.
      expect(row('entity', ref('quiet'))).toBeUndefined();
      // Frequency bands of the 8 component rows: calm and flaky high (7
      // days between deployments); multi (28), skew, early, dup (14),
      // weekly (28) medium; longfix has no deployments.
      expect(org.distribution.entity.deploymentFrequency).toEqual({
        elite: 0,
        high: 2,
        medium: 5,
        low: 0,
        notAvailable: 1,
      });
    });

    it('gives the same team medians on a long window (binned counting)', async () => {
      // 2026-06-01 to 2026-10-31 is 153 days: teams and systems use the
      // binned median. quiet's commit (Aug 1) belongs to team-quiet.
      const org = await service.organisation({
        from: '2026-06-01',
        to: '2026-10-31',
      });
      const team = org.rows.find(x => x.type === 'group' && x.ref === TEAM);
      expect(team?.metrics.leadTime).toMatchObject({
        value: 46800,
        sampleCount: 8,
      });
      const quiet = org.rows.find(
        x => x.type === 'group' && x.ref === 'group:default/team-quiet',
      );
      expect(quiet?.metrics.leadTime).toMatchObject({
        value: DAY,
        sampleCount: 1,
      });
    });
  });
});
