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
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import {
  component,
  doraService,
  FixtureLedger,
  migrate,
} from './__testUtils__/fixtureLedger';

/*
 * Hand-computed fixtures for run kinds (plan-only and destroy runs),
 * deployment rework rate and teams with child groups (docs/dora.md). Every
 * expected number is worked out in the comment next to the fixture.
 *
 * The window is 2026-09-01 to 2026-09-28 in UTC, dates inclusive:
 * [Sep 1 00:00Z, Sep 29 00:00Z), 28 days; weekly buckets
 *   0 [Sep 1, Sep 7)   1 [Sep 7, Sep 14)   2 [Sep 14, Sep 21)
 *   3 [Sep 21, Sep 28) 4 [Sep 28, Sep 29)
 *
 * The catalog's teams:
 *
 *   engineering
 *   ├── platform         owns planner
 *   └── payments         owns system billing
 *       └── payments-api owns fixer
 *   finance-ops          owns ledger (a component of system billing)
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const WINDOW = { from: '2026-09-01', to: '2026-09-28' };
const HOUR = 3600;
const DAY = 24 * HOUR;

const ref = (name: string) => `component:default/${name}`;
const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});
const entities: Entity[] = [
  group('engineering'),
  group('platform', 'engineering'),
  group('payments', 'group:default/engineering'),
  group('payments-api', 'payments'),
  group('finance-ops'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'billing', namespace: 'default' },
    spec: { owner: 'payments' },
  },
  component('planner', 'group:default/platform'),
  component('fixer', 'group:default/payments-api'),
  component('ledger', 'group:default/finance-ops', 'system:default/billing'),
];

async function seed(db: Knex) {
  const ledger = new FixtureLedger(db);

  // PLAN-ONLY AND DESTROY RUNS — planner: one production deployment Sep 2
  // 10:00 shipping p1 (committed 08:00: 7200 s). A plan-only run Sep 3
  // shipping p2, a destroy run Sep 4 and a failed plan-only run Sep 5, all
  // to production, are stored but are not deployments: no sample for p2,
  // no failed deployment.
  //   deployments 1, failed 0, lead time 7200 s (1 sample), rework 0 / 1
  await ledger.deploy(ref('planner'), {
    id: 'planner-1',
    finished: '2026-09-02T10:00:00Z',
    commits: [['p1', '2026-09-02T08:00:00Z']],
  });
  await ledger.deploy(ref('planner'), {
    id: 'planner-plan',
    finished: '2026-09-03T10:00:00Z',
    kind: 'plan',
    commits: [['p2', '2026-09-03T09:00:00Z']],
  });
  await ledger.deploy(ref('planner'), {
    id: 'planner-destroy',
    finished: '2026-09-04T10:00:00Z',
    kind: 'destroy',
  });
  await ledger.deploy(ref('planner'), {
    id: 'planner-plan-failed',
    finished: '2026-09-05T10:00:00Z',
    kind: 'plan',
    status: 'failure',
  });

  // REWORK — fixer: eight production deployments, all 10:00 unless said.
  //   D1 Sep 8, ships f1 (committed 09:00: 3600 s); planned.
  //   I1 opened Sep 9 08:00, resolved Sep 9 12:00.
  //   D2 Sep 9 11:00: I1 was open → incident fix.
  //   D3 Sep 10, label "HotFix" (case-insensitive), ships f2 (committed
  //      06:00: 14400 s) → hotfix.
  //   D4 Sep 11, ships f3 whose message ends in the trailer
  //      "Paved-Hotfix: true" → hotfix (f3 committed 09:30: 1800 s).
  //   D5 Sep 12, kind rollback → rollback.
  //   I2 opened Sep 15 09:00, resolved Sep 15 10:00.
  //   D6 Sep 15 10:00: I2 was still open when it finished (resolved at the
  //      same instant) → incident fix.
  //   D7 Sep 16 10:00; I3 opened Sep 16 10:00, at its finish: not open
  //      before it → planned (I3 is attributed to D7 as a failure).
  //   I4 opened Sep 17 09:00, still open.
  //   D8 Sep 17 10:00, label hotfix, I4 open → incident fix and hotfix,
  //      one rework deployment.
  //   A failed deployment Sep 18 labelled hotfix: a failed deployment, not
  //   rework.
  // rework D2 D3 D4 D5 D6 D8 = 6 of 8 = 0.75; incident fixes D2 D6 D8 = 3,
  // hotfixes D3 D4 D8 = 3, rollbacks D5 = 1.
  // Weekly: bucket 1 D1-D5, rework 4 of 5 = 0.8; bucket 2 D6-D8, 2 of 3;
  // other buckets have no deployments: null.
  // Change failures (for the record): I1 → D1, I2 → D5, I3 and I4 → D7:
  // 3 of 8.
  // Lead time: 1800, 3600, 14400 → 3600.
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-1',
    finished: '2026-09-08T10:00:00Z',
    commits: [['f1', '2026-09-08T09:00:00Z']],
  });
  await ledger.incident(ref('fixer'), {
    id: 'fixer-i1',
    opened: '2026-09-09T08:00:00Z',
    resolved: '2026-09-09T12:00:00Z',
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-2',
    finished: '2026-09-09T11:00:00Z',
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-3',
    finished: '2026-09-10T10:00:00Z',
    labels: ['urgent', 'HotFix'],
    commits: [['f2', '2026-09-10T06:00:00Z']],
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-4',
    finished: '2026-09-11T10:00:00Z',
    commits: [
      [
        'f3',
        '2026-09-11T09:30:00Z',
        'Fix the rounding of refunds\n\nRefunds were off by a cent.\n\nPaved-Hotfix: true\nSigned-off-by: Dev <dev@example.com>',
      ],
    ],
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-5',
    finished: '2026-09-12T10:00:00Z',
    kind: 'rollback',
  });
  await ledger.incident(ref('fixer'), {
    id: 'fixer-i2',
    opened: '2026-09-15T09:00:00Z',
    resolved: '2026-09-15T10:00:00Z',
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-6',
    finished: '2026-09-15T10:00:00Z',
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-7',
    finished: '2026-09-16T10:00:00Z',
  });
  await ledger.incident(ref('fixer'), {
    id: 'fixer-i3',
    opened: '2026-09-16T10:00:00Z',
    resolved: '2026-09-16T11:00:00Z',
  });
  await ledger.incident(ref('fixer'), {
    id: 'fixer-i4',
    opened: '2026-09-17T09:00:00Z',
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-8',
    finished: '2026-09-17T10:00:00Z',
    labels: ['hotfix'],
  });
  await ledger.deploy(ref('fixer'), {
    id: 'fixer-failed',
    finished: '2026-09-18T10:00:00Z',
    status: 'failure',
    labels: ['hotfix'],
  });

  // CHILD GROUPS AND SYSTEM OWNERSHIP — ledger (owner finance-ops, system
  // billing owned by payments): one deployment Sep 20 10:00 shipping l1
  // (committed Sep 19 10:00: 86400 s).
  await ledger.deploy(ref('ledger'), {
    id: 'ledger-1',
    finished: '2026-09-20T10:00:00Z',
    commits: [['l1', '2026-09-19T10:00:00Z']],
  });
}

describe('DORA run kinds, rework rate and teams on hand-computed fixtures', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    let service: ReturnType<typeof doraService>['service'];

    beforeAll(async () => {
      db = await migrate(await databases.init(databaseId));
      await seed(db);
      service = doraService(db, { entities }).service;
    });

    const report = (scope: object) => service.report({ ...scope, ...WINDOW });

    it('stores plan-only and destroy runs but does not count them', async () => {
      const kinds = await db('paved_deployments')
        .where({ entity_ref: ref('planner') })
        .orderBy('external_id')
        .select('external_id', 'kind');
      expect(kinds.map(k => [k.external_id, k.kind])).toEqual([
        ['planner-1', 'deploy'],
        ['planner-destroy', 'destroy'],
        ['planner-plan', 'plan'],
        ['planner-plan-failed', 'plan'],
      ]);
      const r = await report({ entity: ref('planner') });
      expect(r.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 1,
        failedDeployments: 0,
      });
      expect(r.metrics.leadTime).toMatchObject({ value: 7200, sampleCount: 1 });
      expect(r.metrics.reworkRate).toMatchObject({
        value: 0,
        sampleCount: 1,
        band: null,
      });
    });

    it('counts incident fixes, hotfixes and rollbacks as rework', async () => {
      const r = await report({ entity: ref('fixer') });
      expect(r.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 8,
        failedDeployments: 1,
      });
      expect(r.metrics.reworkRate).toMatchObject({
        value: 0.75,
        unit: 'ratio',
        sampleCount: 8,
        band: null,
        reworkDeployments: 6,
        incidentFixes: 3,
        hotfixes: 3,
        rollbacks: 1,
      });
      expect(r.metrics.reworkRate.trend!.map(p => p.value)).toEqual([
        null,
        0.8,
        2 / 3,
        null,
        null,
      ]);
      expect(r.metrics.changeFailureRate).toMatchObject({
        failedChanges: 3,
        value: 3 / 8,
      });
      expect(r.metrics.leadTime).toMatchObject({ value: 3600, sampleCount: 3 });
    });

    it('gives a team the numbers of its child groups and of the systems it owns', async () => {
      // payments-api: fixer → 8 deployments, lead 1800 3600 14400 → 3600.
      const leaf = await report({ group: 'payments-api' });
      expect(leaf.entityCount).toBe(1);
      expect(leaf.metrics.leadTime).toMatchObject({
        value: 3600,
        sampleCount: 3,
      });
      // payments: fixer (child group payments-api) and ledger (system
      // billing) → 9 deployments, rework 6 of 9; lead 1800 3600 14400
      // 86400 → (3600 + 14400) / 2 = 9000.
      const payments = await report({ group: 'payments' });
      expect(payments.entityCount).toBe(2);
      expect(payments.metrics.deploymentFrequency.sampleCount).toBe(9);
      expect(payments.metrics.reworkRate).toMatchObject({
        value: 6 / 9,
        reworkDeployments: 6,
      });
      expect(payments.metrics.leadTime).toMatchObject({
        value: 9000,
        sampleCount: 4,
      });
      // engineering: planner (platform), fixer and ledger (payments) →
      // 10 deployments; lead 1800 3600 7200 14400 86400 → 7200.
      const engineering = await report({ group: 'engineering' });
      expect(engineering.entityCount).toBe(3);
      expect(engineering.metrics.deploymentFrequency.sampleCount).toBe(10);
      expect(engineering.metrics.leadTime).toMatchObject({
        value: 7200,
        sampleCount: 5,
      });
      // finance-ops still counts the ledger it owns directly.
      const financeOps = await report({ group: 'finance-ops' });
      expect(financeOps.metrics.leadTime).toMatchObject({
        value: DAY,
        sampleCount: 1,
      });
    });

    it('shows the same teams, and rework rate, in the organisation view', async () => {
      const org = await service.organisation(WINDOW);
      // 1 + 8 + 1 = 10 deployments, 1 failed (fixer's), rework 6 of 10.
      expect(org.organisation.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 10,
        failedDeployments: 1,
      });
      expect(org.organisation.metrics.reworkRate).toMatchObject({
        value: 0.6,
        reworkDeployments: 6,
        incidentFixes: 3,
        hotfixes: 3,
        rollbacks: 1,
      });
      const teams = Object.fromEntries(
        org.rows
          .filter(r => r.type === 'group')
          .map(r => [
            r.ref,
            [
              r.entityCount,
              r.metrics.deploymentFrequency.sampleCount,
              r.metrics.leadTime.value,
              r.metrics.reworkRate.value,
            ],
          ]),
      );
      expect(teams).toEqual({
        'group:default/engineering': [3, 10, 7200, 0.6],
        'group:default/finance-ops': [1, 1, DAY, 0],
        'group:default/payments': [2, 9, 9000, 6 / 9],
        'group:default/payments-api': [1, 8, 3600, 0.75],
        'group:default/platform': [1, 1, 7200, 0],
      });
      // A component row still names its own owner.
      expect(
        org.rows.find(r => r.type === 'entity' && r.ref === ref('ledger')),
      ).toMatchObject({
        owner: 'group:default/finance-ops',
        system: 'system:default/billing',
        metrics: { reworkRate: { value: 0, band: null } },
      });
      // Rework rate has no bands, so the distribution leaves it out.
      expect(Object.keys(org.distribution.group).sort()).toEqual([
        'changeFailureRate',
        'deploymentFrequency',
        'leadTime',
        'recoveryTime',
      ]);
    });
  });
});
