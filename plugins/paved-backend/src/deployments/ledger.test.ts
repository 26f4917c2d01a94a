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
import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { DeploymentStore, DeploymentInput } from './DeploymentStore';
import { IncidentStore } from './IncidentStore';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { DeliveryBatcher } from './webhooks/DeliveryBatcher';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

async function migrated(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(
    { getClient: async () => knex } as unknown as DatabaseService,
    knex,
  );
  return knex;
}

const base = (overrides: Partial<DeploymentInput> = {}): DeploymentInput => ({
  source: 'github',
  externalId: '145988746',
  subject: 'github.com/project-slug=codertocat/hello-world',
  environment: 'production',
  production: true,
  commitSha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
  status: 'pending',
  startedAt: new Date('2019-05-15T15:20:53Z'),
  updatedAt: new Date('2019-05-15T15:20:53Z'),
  ...overrides,
});

describe('ledger stores', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeAll(async () => {
      knex = await migrated(databaseId);
    });
    beforeEach(async () => {
      for (const table of [
        'paved_deployment_changes',
        'paved_incidents',
        'paved_changes',
        'paved_deployments',
        'paved_webhook_deliveries',
      ]) {
        await knex(table).delete();
      }
    });

    it('records a deployment once however often it is sent', async () => {
      const store = new DeploymentStore(knex);
      const first = await store.record(base());
      expect(first).toMatchObject({ created: true, changed: true });
      const again = await store.record(base());
      expect(again).toMatchObject({ created: false, changed: false });
      expect(again.deployment.id).toBe(first.deployment.id);
      expect(await knex('paved_deployments').count({ n: '*' })).toEqual([
        { n: databaseId === 'SQLITE_3' ? 1 : '1' },
      ]);
      expect(first.deployment).toMatchObject({
        source: 'github',
        externalId: '145988746',
        environment: 'production',
        production: true,
        status: 'pending',
        startedAt: '2019-05-15T15:20:53.000Z',
        changes: [{ sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e' }],
      });
    });

    it('keeps the newest state when updates arrive out of order', async () => {
      const store = new DeploymentStore(knex);
      // The success status (newer) arrives before the pending creation.
      await store.record(
        base({
          status: 'success',
          finishedAt: new Date('2019-05-15T15:20:55Z'),
          updatedAt: new Date('2019-05-15T15:20:55Z'),
          startedAt: new Date('2019-05-15T15:20:54Z'),
        }),
      );
      const older = await store.record(
        base({ url: 'https://example.test/d/1', version: 'v1.2.3' }),
      );
      expect(older.created).toBe(false);
      // The older update fills in what was unknown but does not win.
      expect(older.deployment).toMatchObject({
        status: 'success',
        finishedAt: '2019-05-15T15:20:55.000Z',
        startedAt: '2019-05-15T15:20:53.000Z',
        url: 'https://example.test/d/1',
        version: 'v1.2.3',
      });
      const failed = await store.record(
        base({
          status: 'failure',
          updatedAt: new Date('2019-05-15T15:30:00Z'),
        }),
      );
      expect(failed).toMatchObject({
        changed: true,
        deployment: { status: 'failure' },
      });
    });

    it('lets a status further along win when the source time is the same', async () => {
      const store = new DeploymentStore(knex);
      await store.record(base({ status: 'in_progress' }));
      expect(
        (await store.record(base({ status: 'pending' }))).deployment.status,
      ).toBe('in_progress');
      expect(
        (await store.record(base({ status: 'success' }))).deployment.status,
      ).toBe('success');
      expect((await store.record(base({ status: 'failure' }))).changed).toBe(
        false,
      );
    });

    it('never duplicates a deployment under concurrent writers', async () => {
      const store = new DeploymentStore(knex);
      const results = await Promise.all(
        Array.from({ length: 12 }, () => store.record(base())),
      );
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(new Set(results.map(r => r.deployment.id)).size).toBe(1);
      const rows = await knex('paved_deployments').select('id');
      expect(rows).toHaveLength(1);
    });

    it('lists by entity or link key, environment and time, newest first', async () => {
      const store = new DeploymentStore(knex);
      await store.record(
        base({ externalId: 'a', environment: 'staging', production: false }),
      );
      await store.record(
        base({
          externalId: 'b',
          startedAt: new Date('2020-01-01T00:00:00Z'),
          updatedAt: new Date('2020-01-01T00:00:00Z'),
        }),
      );
      await store.record(
        base({
          externalId: 'c',
          subject: undefined,
          entityRef: 'component:default/checkout',
          changes: [
            {
              sha: 'abc123',
              author: 'Codertocat',
              committedAt: new Date('2019-12-31T00:00:00Z'),
              message: 'Fix checkout\n\nlong body',
            },
          ],
        }),
      );
      await store.record(
        base({
          source: 'api',
          externalId: 'd',
          subject: 'github.com/project-slug=other/repo',
        }),
      );

      const bySlug = await store.list({
        linkKeys: ['github.com/project-slug=codertocat/hello-world'],
      });
      expect(bySlug.map(d => d.externalId)).toEqual(['b', 'a']);
      const byEntity = await store.list({
        entityRef: 'component:default/checkout',
        linkKeys: ['github.com/project-slug=codertocat/hello-world'],
        environment: 'production',
      });
      expect(byEntity.map(d => d.externalId)).toEqual(['b', 'c']);
      expect(byEntity[1].changes).toEqual(
        expect.arrayContaining([
          {
            sha: 'abc123',
            author: 'Codertocat',
            committedAt: '2019-12-31T00:00:00.000Z',
            message: 'Fix checkout',
          },
        ]),
      );
      const since = await store.list({
        linkKeys: ['github.com/project-slug=codertocat/hello-world'],
        since: new Date('2019-06-01T00:00:00Z'),
      });
      expect(since.map(d => d.externalId)).toEqual(['b']);
    });

    it('links records of an unclaimed repository when the entity appears', async () => {
      const deployments = new DeploymentStore(knex);
      const incidents = new IncidentStore(knex);
      await deployments.record(base());
      await incidents.record({
        source: 'github',
        externalId: 'issue-1',
        subject: 'github.com/project-slug=codertocat/hello-world',
        title: 'Checkout down',
        status: 'open',
        openedAt: new Date('2019-05-15T16:00:00Z'),
        updatedAt: new Date('2019-05-15T16:00:00Z'),
      });
      expect(await deployments.unlinkedSubjects()).toEqual([
        'github.com/project-slug=codertocat/hello-world',
      ]);
      const linked = await deployments.linkSubject(
        'github.com/project-slug=codertocat/hello-world',
        'component:default/hello-world',
      );
      expect(linked).toBe(3); // deployment, incident, commit
      expect(await deployments.unlinkedSubjects()).toEqual([]);
      const list = await deployments.list({
        entityRef: 'component:default/hello-world',
      });
      expect(list).toHaveLength(1);
      expect(list[0].entityRef).toBe('component:default/hello-world');
    });

    it('records incidents idempotently and resolves them with newer updates', async () => {
      const deployments = new DeploymentStore(knex);
      const { deployment } = await deployments.record(base());
      const store = new IncidentStore(knex);
      const input = {
        source: 'pagerduty',
        externalId: 'PGR0VU2',
        subject: 'pagerduty.com/service-id=PF9KMXH',
        title: 'A little bump in the road',
        severity: 'P1',
        status: 'open' as const,
        openedAt: new Date('2020-10-02T18:45:22Z'),
        updatedAt: new Date('2020-10-02T18:45:22Z'),
        deploymentId: deployment.id,
      };
      const opened = await store.record(input);
      expect(opened).toMatchObject({ created: true });
      expect(await store.record(input)).toMatchObject({
        created: false,
        changed: false,
      });
      const resolved = await store.record({
        ...input,
        status: 'resolved',
        resolvedAt: new Date('2020-10-02T19:00:00Z'),
        updatedAt: new Date('2020-10-02T19:00:00Z'),
      });
      expect(resolved.incident).toMatchObject({
        status: 'resolved',
        resolvedAt: '2020-10-02T19:00:00.000Z',
        deploymentId: deployment.id,
        severity: 'P1',
      });
      // A late "triggered" does not reopen it.
      const late = await store.record(input);
      expect(late).toMatchObject({
        changed: false,
        incident: { status: 'resolved' },
      });
      expect(
        await store.list({ linkKeys: ['pagerduty.com/service-id=PF9KMXH'] }),
      ).toHaveLength(1);
    });

    it('stores each webhook delivery once and hands it to one claimer', async () => {
      const store = new WebhookDeliveryStore(knex);
      const delivery = {
        source: 'github',
        deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        event: 'deployment',
        payload: '{"a":1}',
      };
      const first = await store.accept(delivery);
      const second = await store.accept(delivery);
      expect(first.duplicate).toBe(false);
      expect(second).toEqual({
        id: first.id,
        duplicate: true,
        status: 'pending',
      });
      await store.accept({ ...delivery, deliveryId: 'other' });

      const [a, b] = await Promise.all([
        store.claimPending({ owner: 'a', limit: 10, leaseMs: 60_000 }),
        store.claimPending({ owner: 'b', limit: 10, leaseMs: 60_000 }),
      ]);
      const ids = [...a, ...b].map(d => d.id);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(2);
      // Nothing left to claim while the leases hold.
      expect(
        await store.claimPending({ owner: 'c', limit: 10, leaseMs: 60_000 }),
      ).toEqual([]);

      const mine = a.length ? { d: a[0], owner: 'a' } : { d: b[0], owner: 'b' };
      // Another owner cannot complete it.
      expect(
        await knex.transaction(tx =>
          store.complete(tx, {
            id: mine.d.id,
            owner: 'zzz',
            outcome: 'processed',
          }),
        ),
      ).toBe(false);
      expect(
        await knex.transaction(tx =>
          store.complete(tx, {
            id: mine.d.id,
            owner: mine.owner,
            outcome: 'processed',
          }),
        ),
      ).toBe(true);
      expect(await store.counts()).toEqual({ pending: 1, processed: 1 });
    });

    it('stores a batch in one go: repeats inside it and earlier deliveries are duplicates', async () => {
      const store = new WebhookDeliveryStore(knex);
      const delivery = (deliveryId: string, source = 'generic') => ({
        source,
        deliveryId,
        event: 'deployment',
        payload: JSON.stringify({ deliveryId }),
      });
      const earlier = await store.accept(delivery('b'));
      const answers = await store.acceptMany([
        delivery('a'),
        delivery('b'),
        delivery('a'),
        delivery('a', 'github'),
        delivery('c'),
      ]);
      expect(answers.map(a => a.duplicate)).toEqual([
        false,
        true,
        true,
        false,
        false,
      ]);
      // Answers line up with the input: a repeat gets its first's id, an
      // earlier delivery its stored id.
      expect(answers[2].id).toBe(answers[0].id);
      expect(answers[1].id).toBe(earlier.id);
      expect(new Set(answers.map(a => a.id)).size).toBe(4);
      const rows = await knex('paved_webhook_deliveries')
        .orderBy(['source', 'delivery_id'])
        .select('source', 'delivery_id', 'payload');
      expect(rows).toEqual([
        { source: 'generic', delivery_id: 'a', payload: '{"deliveryId":"a"}' },
        { source: 'generic', delivery_id: 'b', payload: '{"deliveryId":"b"}' },
        { source: 'generic', delivery_id: 'c', payload: '{"deliveryId":"c"}' },
        { source: 'github', delivery_id: 'a', payload: '{"deliveryId":"a"}' },
      ]);
    });

    it('batches concurrent deliveries and answers each only once it is stored', async () => {
      const store = new WebhookDeliveryStore(knex);
      const statements: string[] = [];
      const onQuery = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', onQuery);
      const batcher = new DeliveryBatcher(store, { maxBatch: 50 });
      const answers = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          batcher
            .accept({
              source: 'generic',
              deliveryId: `d-${i % 100}`,
              event: 'deployment',
              payload: '{}',
            })
            .then(async answer => {
              // Durable before the answer: the row is there when it arrives.
              const row = await knex('paved_webhook_deliveries')
                .where({ id: answer.id })
                .first('id');
              return { ...answer, stored: Boolean(row) };
            }),
        ),
      );
      knex.off('query', onQuery);
      expect(answers.every(a => a.stored)).toBe(true);
      expect(answers.filter(a => !a.duplicate)).toHaveLength(100);
      const inserts = statements.filter(sql => /^insert/i.test(sql));
      // 120 deliveries in batches of at most 50: three inserts, not 120.
      expect(inserts).toHaveLength(3);
      expect(await store.counts()).toEqual({ pending: 100 });
    });

    it('claims a batch with one update and never hands a row to two claimers', async () => {
      const store = new WebhookDeliveryStore(knex);
      await store.acceptMany(
        Array.from({ length: 60 }, (_, i) => ({
          source: 'generic',
          deliveryId: `c-${i}`,
          event: 'deployment',
          payload: '{}',
        })),
      );
      const claims = await Promise.all(
        ['a', 'b', 'c'].map(owner =>
          store.claimPending({ owner, limit: 40, leaseMs: 60_000 }),
        ),
      );
      const ids = claims.flat().map(d => d.id);
      expect(ids).toHaveLength(60);
      expect(new Set(ids).size).toBe(60);
      const owners: Array<{ leased_by: string; n: string | number }> =
        await knex('paved_webhook_deliveries')
          .select('leased_by')
          .count({ n: '*' })
          .groupBy('leased_by');
      expect(
        Object.fromEntries(owners.map(o => [o.leased_by, Number(o.n)])),
      ).toEqual(
        Object.fromEntries(
          ['a', 'b', 'c']
            .map((owner, i) => [owner, claims[i].length])
            .filter(([, n]) => n),
        ),
      );
    });

    it('reclaims a delivery whose lease ran out and parks one that keeps failing', async () => {
      const store = new WebhookDeliveryStore(knex);
      await store.accept({
        source: 'generic',
        deliveryId: 'x',
        event: 'deployment',
        payload: '{}',
      });
      const [claimed] = await store.claimPending({
        owner: 'dead',
        limit: 1,
        leaseMs: -1,
      });
      expect(claimed.attempts).toBe(1);
      // The owner "died": its lease is already over, so another takes it.
      const [again] = await store.claimPending({
        owner: 'alive',
        limit: 1,
        leaseMs: 60_000,
      });
      expect(again.id).toBe(claimed.id);
      expect(again.attempts).toBe(2);
      for (let attempt = again.attempts; attempt <= 5; attempt++) {
        await store.fail({
          id: again.id,
          owner: 'alive',
          attempts: attempt,
          error: 'boom',
        });
        await knex('paved_webhook_deliveries')
          .update({ lease_until: new Date(0), leased_by: 'alive' })
          .where({ id: again.id, status: 'pending' });
      }
      expect(await store.counts()).toEqual({ failed: 1 });
    });
  });
});
