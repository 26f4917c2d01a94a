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
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { pavedPlugin } from '../../plugin';
import { orchestratorModule } from '../__testUtils__/orchestratorModule';
import { readOrchestratorsConfig } from '../config';
import {
  natsServerMissing,
  startNatsServer,
  waitFor,
} from './__testUtils__/natsServer';
import {
  CREATED,
  deploymentEvent,
  eventProvider,
} from './__testUtils__/platformOrchestratorEvents';
import { DEFAULT_EVENTS_SUBJECT, readDeploymentEventsConfig } from './config';

jest.setTimeout(60_000);

const orchestrators = (events: JsonObject) =>
  new ConfigReader({ paved: { orchestrators: { po: { events } } } });

describe('paved.orchestrators.<id>.events', () => {
  it('reads the defaults and makes the polling sync slower', () => {
    const config = orchestrators({
      servers: 'nats://nats.internal:4222',
      stream: 'EVENTS',
      token: 's3cret',
    });
    expect(readDeploymentEventsConfig(config, 'po')).toEqual({
      providerId: 'po',
      servers: ['nats://nats.internal:4222'],
      stream: 'EVENTS',
      subject: DEFAULT_EVENTS_SUBJECT,
      durableName: 'paved-ledger-po',
      token: 's3cret',
      user: undefined,
      password: undefined,
      credsFile: undefined,
      batchSize: 500,
      ackWaitMs: 30_000,
      maxDeliver: 5,
    });
    expect(readDeploymentEventsConfig(config, 'other')).toBeUndefined();
    expect(readOrchestratorsConfig(config).syncSchedule.frequency).toEqual({
      minutes: 15,
    });
    expect(
      readOrchestratorsConfig(new ConfigReader({})).syncSchedule.frequency,
    ).toEqual({ minutes: 2 });
    expect(
      readDeploymentEventsConfig(
        orchestrators({ enabled: false, servers: 'nats://x', stream: 'S' }),
        'po',
      ),
    ).toBeUndefined();
  });

  it('refuses incomplete settings, naming the key', () => {
    expect(() =>
      readDeploymentEventsConfig(orchestrators({ stream: 'S' }), 'po'),
    ).toThrow(
      'paved.orchestrators.po.events.servers must name at least one NATS server',
    );
    expect(() =>
      readDeploymentEventsConfig(
        orchestrators({ servers: ['nats://a'], stream: 'S', user: 'paved' }),
        'po',
      ),
    ).toThrow(
      'paved.orchestrators.po.events.user and paved.orchestrators.po.events.password go together',
    );
    expect(() =>
      readDeploymentEventsConfig(
        orchestrators({ servers: ['nats://a'], stream: 'S', batchSize: 0 }),
        'po',
      ),
    ).toThrow(
      'paved.orchestrators.po.events.batchSize must be a positive integer',
    );
    expect(() =>
      readDeploymentEventsConfig(orchestrators({ servers: 'nats://a' }), 'po'),
    ).toThrow(/stream/);
  });
});

const SUITE = 'orchestrator events in the backend';
const describeWithNats = natsServerMissing(SUITE) ? describe.skip : describe;

describeWithNats(SUITE, () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('starts the consumer with the backend, writes the ledger, and stops it on shutdown', async () => {
    const nats = await startNatsServer();
    const publisher = await connect({ servers: nats.url });
    try {
      const manager = await jetstreamManager(publisher);
      await manager.streams.add({
        name: 'EVENTS',
        subjects: ['io.platform-orchestrator.>'],
      });
      const knex = await databases.init('SQLITE_3');
      const backend = await startTestBackend({
        features: [
          pavedPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              paved: {
                orchestrators: {
                  po: {
                    events: {
                      servers: nats.url,
                      stream: 'EVENTS',
                      token: 'unused-by-this-server',
                    },
                  },
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [] }),
          orchestratorModule([eventProvider]),
        ],
      });
      const consumer = () =>
        manager.consumers.info('EVENTS', 'paved-ledger-po');
      await waitFor(
        async () =>
          (await consumer().catch(() => undefined))?.num_waiting === 1,
        'the backend to pull from its durable consumer',
      );
      await jetstream(publisher).publish(
        CREATED,
        deploymentEvent('d-1', 1, 'succeeded'),
      );
      await waitFor(
        async () =>
          Boolean(
            await knex('paved_deployments')
              .where({ source: 'orchestrator:po', external_id: 'd-1' })
              .first(),
          ),
        'the ledger row',
      );
      await backend.stop();
      // Clean shutdown: acknowledged, and nobody pulls any more.
      const info = await consumer();
      expect(info.num_ack_pending).toBe(0);
      expect(info.num_waiting).toBe(0);
    } finally {
      await publisher.close();
      await nats.stop();
    }
  });

  it('refuses events settings for a provider that cannot read events', async () => {
    const knex = await databases.init('SQLITE_3');
    const { deploymentFromEvent, ...deaf } = eventProvider;
    await expect(
      startTestBackend({
        features: [
          pavedPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              paved: {
                orchestrators: {
                  po: {
                    events: { servers: 'nats://127.0.0.1:1', stream: 'S' },
                  },
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [] }),
          orchestratorModule([deaf]),
        ],
      }),
    ).rejects.toThrow(
      "paved.orchestrators.po.events is set, but the provider 'po' cannot read events",
    );
  });
});
