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
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../../database';
import { OrchestratorSync } from '../OrchestratorSync';
import {
  natsServerMissing,
  startNatsServer,
  TestNatsServer,
  waitFor,
} from './__testUtils__/natsServer';
import {
  CREATED,
  deploymentEvent as event,
  eventProvider as provider,
  UPDATED,
} from './__testUtils__/platformOrchestratorEvents';
import { DeploymentEventsConfig } from './config';
import { DeploymentEventConsumer } from './DeploymentEventConsumer';
import { DeploymentEventWriter } from './DeploymentEventWriter';
import { ParkedEventStore } from './ParkedEventStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SUITE = 'DeploymentEventConsumer against a real JetStream';
const describeWithNats = natsServerMissing(SUITE) ? describe.skip : describe;

describeWithNats(SUITE, () => {
  let nats: TestNatsServer;
  let publisher: NatsConnection;
  let streams = 0;
  const running: DeploymentEventConsumer[] = [];

  beforeAll(async () => {
    nats = await startNatsServer();
    publisher = await connect({ servers: nats.url });
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(c => c.stop()));
  });
  afterAll(async () => {
    await publisher?.close();
    await nats?.stop();
  });

  /** A stream of its own per test: subjects `<prefix>.io.platform-orchestrator.…`. */
  async function newStream(options: Partial<DeploymentEventsConfig> = {}) {
    const prefix = `t${++streams}`;
    const stream = `EVENTS_${streams}`;
    const manager = await jetstreamManager(publisher);
    await manager.streams.add({ name: stream, subjects: [`${prefix}.>`] });
    const js = jetstream(publisher);
    const config: DeploymentEventsConfig = {
      providerId: 'po',
      servers: [nats.url],
      stream,
      subject: `${prefix}.io.platform-orchestrator.deployment.>`,
      durableName: 'paved-ledger-po',
      batchSize: 50,
      ackWaitMs: 30_000,
      maxDeliver: 5,
      ...options,
    };
    return {
      config,
      publish: (type: string, payload: string) =>
        js.publish(`${prefix}.${type}`, payload),
      consumerInfo: () => manager.consumers.info(stream, config.durableName),
    };
  }

  async function ledger(knex: Knex) {
    await applyDatabaseMigrations(
      { getClient: async () => knex } as unknown as DatabaseService,
      knex,
    );
    const logger = mockServices.logger.mock();
    const sync = new OrchestratorSync({
      db: knex,
      catalog: catalogServiceMock(),
      logger,
      providers: () => [provider],
    });
    const newWriter = () =>
      new DeploymentEventWriter({
        db: knex,
        sync,
        provider,
        auth: mockServices.auth(),
        logger,
      });
    const replica = (
      config: DeploymentEventsConfig,
      writer: Pick<DeploymentEventWriter, 'write'> = newWriter(),
    ) => {
      const consumer = new DeploymentEventConsumer({
        config,
        provider,
        writer: writer as DeploymentEventWriter,
        parked: new ParkedEventStore(knex),
        logger,
      });
      running.push(consumer);
      consumer.start();
      return consumer;
    };
    const rows = () =>
      knex('paved_deployments')
        .where({ source: 'orchestrator:po' })
        .orderBy('external_id')
        .select();
    return { logger, newWriter, replica, rows };
  }

  it('stops within its bound when the NATS server is gone', async () => {
    const knex = await databases.init('SQLITE_3');
    const { replica } = await ledger(knex);
    const own = await startNatsServer();
    const ownPublisher = await connect({ servers: own.url });
    const manager = await jetstreamManager(ownPublisher);
    await manager.streams.add({ name: 'GONE', subjects: ['gone.>'] });
    const consumer = replica({
      providerId: 'po',
      servers: [own.url],
      stream: 'GONE',
      subject: 'gone.io.platform-orchestrator.deployment.>',
      durableName: 'paved-ledger-po',
      batchSize: 50,
      ackWaitMs: 30_000,
      maxDeliver: 5,
    });
    running.splice(running.indexOf(consumer), 1);
    await waitFor(
      async () =>
        ((
          await manager.consumers
            .info('GONE', 'paved-ledger-po')
            .catch(() => undefined)
        )?.num_waiting ?? 0) >= 1,
      'the consumer pulling',
    );
    await ownPublisher.close();
    await own.stop();
    // The client now retries the server forever; stopping must not wait on it.
    await expect(consumer.stop()).resolves.toBeUndefined();
  });

  const handled = (...consumers: DeploymentEventConsumer[]) =>
    consumers.reduce(
      (n, c) => n + c.counts.written + c.counts.ignored + c.counts.parked,
      0,
    );

  it.each(databases.eachSupportedId())(
    'writes events to the ledger at once; a replayed or older event changes nothing, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { replica, rows } = await ledger(knex);
      const { config, publish } = await newStream();
      const consumer = replica(config);

      await publish(CREATED, event('d-1', 1, 'executing'));
      await waitFor(async () => (await rows()).length === 1, 'd-1');
      expect((await rows())[0]).toMatchObject({
        external_id: 'd-1',
        status: 'in_progress',
        environment: 'production',
        subject: 'paved.dev/orchestrator-project=checkout',
      });
      expect(Boolean((await rows())[0].is_production)).toBe(true);

      await publish(UPDATED, event('d-1', 2, 'succeeded'));
      await waitFor(
        async () => (await rows())[0].status === 'success',
        'd-1 succeeded',
      );
      const settled = (await rows())[0];

      // Replayed: the same update again, then the creation again.
      await publish(UPDATED, event('d-1', 2, 'succeeded'));
      await publish(CREATED, event('d-1', 1, 'executing'));
      await waitFor(() => handled(consumer) === 4, 'the replay');
      expect(await rows()).toEqual([settled]);

      // Out of order: d-2's update is published before its creation.
      await publish(UPDATED, event('d-2', 2, 'failed', 'development'));
      await waitFor(() => handled(consumer) === 5, 'd-2 failed');
      await publish(CREATED, event('d-2', 1, 'executing', 'development'));
      await waitFor(() => handled(consumer) === 6, 'd-2 created');
      const [, d2] = await rows();
      expect(d2).toMatchObject({ external_id: 'd-2', status: 'failure' });
      expect(Boolean(d2.is_production)).toBe(false);
      expect(consumer.counts).toEqual({
        written: 6,
        ignored: 0,
        parked: 0,
        retried: 0,
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'parks a poison message with its reason and goes on with the next ones, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { replica, rows, logger } = await ledger(knex);
      const { config, publish, consumerInfo } = await newStream();
      const consumer = replica(config);

      await publish(CREATED, event('d-1', 1, 'succeeded'));
      await publish(CREATED, '{"specversion": "1.0", "data": ');
      await publish(UPDATED, event('', 2, 'succeeded'));
      await publish(CREATED, event('d-2', 1, 'succeeded'));
      await waitFor(() => handled(consumer) === 4, 'four messages');

      expect((await rows()).map(r => [r.external_id, r.status])).toEqual([
        ['d-1', 'success'],
        ['d-2', 'success'],
      ]);
      const parked = await new ParkedEventStore(knex).list('po');
      expect(parked.map(p => [p.streamSequence, p.reason]).reverse()).toEqual([
        [2, expect.stringMatching(/^payload is not JSON/)],
        [3, 'data.deployment_id must be a non-empty string'],
      ]);
      expect(parked[1]).toMatchObject({
        stream: config.stream,
        subject: expect.stringMatching(/deployment\.created$/),
        payload: '{"specversion": "1.0", "data": ',
        deliveries: 1,
      });
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Parked orchestrator event EVENTS_\d+#2 /),
      );
      expect(logger.error).not.toHaveBeenCalled();
      // Terminated: nothing waits for an ack or a redelivery.
      await waitFor(
        async () => (await consumerInfo()).num_ack_pending === 0,
        'acks',
      );
      expect((await consumerInfo()).num_redelivered).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'retries a message whose write fails and parks it at its last delivery, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { newWriter, replica, rows } = await ledger(knex);
      const { config, publish } = await newStream({ maxDeliver: 2 });
      // The database refuses one deployment's write, on every delivery.
      const writer = newWriter();
      const consumer = replica(config, {
        write: async events => {
          if (events.some(e => e.deployment.id === 'd-bad')) {
            throw new Error('value too long for type character varying(255)');
          }
          return writer.write(events);
        },
      });
      await publish(CREATED, event('d-bad', 1, 'succeeded'));
      await publish(CREATED, event('d-ok', 1, 'succeeded'));
      await waitFor(() => consumer.counts.parked === 1, 'the park');
      expect((await rows()).map(r => r.external_id)).toEqual(['d-ok']);
      expect(consumer.counts).toMatchObject({ written: 1, retried: 1 });
      const [parked] = await new ParkedEventStore(knex).list('po');
      expect(parked).toMatchObject({
        deliveries: 2,
        reason:
          'writing failed on all 2 deliveries: value too long for type character varying(255)',
      });
    },
  );

  const onPostgres = databases
    .eachSupportedId()
    .some(([id]) => id === 'POSTGRES_15')
    ? describe
    : describe.skip;

  onPostgres('replicas on PostgreSQL 15', () => {
    it('two replicas on one durable consumer write each event once', async () => {
      const knex = await databases.init('POSTGRES_15');
      const { replica, rows } = await ledger(knex);
      const { config, publish, consumerInfo } = await newStream({
        batchSize: 5,
      });
      const a = replica(config);
      const b = replica(config);
      await waitFor(
        async () =>
          (await consumerInfo().catch(() => undefined))?.num_waiting === 2,
        'both replicas pulling',
      );
      const sent: Promise<unknown>[] = [];
      for (let i = 0; i < 150; i++) {
        const id = `d-${String(i).padStart(3, '0')}`;
        sent.push(publish(CREATED, event(id, 1, 'executing')));
        sent.push(publish(UPDATED, event(id, 2, 'succeeded')));
      }
      await Promise.all(sent);
      await waitFor(
        () => handled(a, b) >= 300,
        () => `all 300 events (${JSON.stringify([a.counts, b.counts])})`,
      );
      // Every message went to exactly one replica, once.
      expect(a.counts.written + b.counts.written).toBe(300);
      expect(a.counts.written).toBeGreaterThan(0);
      expect(b.counts.written).toBeGreaterThan(0);
      expect((await consumerInfo()).num_redelivered).toBe(0);
      const all = await rows();
      expect(all).toHaveLength(150);
      expect(all.every(r => r.status === 'success')).toBe(true);
    });

    it('a replica killed in the middle of a batch loses nothing: the other one gets its messages', async () => {
      const knex = await databases.init('POSTGRES_15');
      const { replica, rows, logger } = await ledger(knex);
      const { config, publish, consumerInfo } = await newStream({
        batchSize: 10,
        ackWaitMs: 1_000,
      });
      // The first replica hangs in its first write, as if it died there.
      let hanging = false;
      const doomed = replica(config, {
        write: () => {
          hanging = true;
          return new Promise<number>(() => {});
        },
      });
      const sent: Promise<unknown>[] = [];
      for (let i = 0; i < 50; i++) {
        const id = `d-${String(i).padStart(2, '0')}`;
        sent.push(publish(CREATED, event(id, 1, 'executing')));
        sent.push(publish(UPDATED, event(id, 2, 'succeeded')));
      }
      await Promise.all(sent);
      await waitFor(() => hanging, 'the first replica to take a batch');
      await doomed.abort();
      running.splice(running.indexOf(doomed), 1);

      // A restarted replica on the same durable consumer.
      const survivor = replica(config);
      await waitFor(
        async () =>
          (await rows()).filter(r => r.status === 'success').length === 50,
        'all 50 deployments to succeed',
      );
      expect(survivor.counts.written).toBe(100);
      expect(doomed.counts.written).toBe(0);
      expect(await rows()).toHaveLength(50);
      expect((await consumerInfo()).num_ack_pending).toBe(0);
      expect(logger.error).not.toHaveBeenCalled();
    });
  });
});
