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
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pavedOrchestratorExtensionPoint } from '@paved/plugin-paved-node';
import request from 'supertest';
import { demoDataModule } from './__testUtils__/demoDataModule';
import { pavedPlugin } from './plugin';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set (make test sets it).
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const fakeOrchestrator = createBackendModule({
  pluginId: 'paved',
  moduleId: 'test-orchestrator',
  register(env) {
    env.registerInit({
      deps: { orchestrators: pavedOrchestratorExtensionPoint },
      async init({ orchestrators }) {
        orchestrators.addProvider({
          id: 'test',
          title: 'Test orchestrator',
          type: 'platform-orchestrator',
        });
      },
    });
  },
});

describe('paved backend plugin', () => {
  it.each(databases.eachSupportedId())(
    'migrates the database and answers the info route on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          pavedPlugin,
          fakeOrchestrator,
          // Installed, a demo data module switches demo data on.
          demoDataModule([{ id: 'test' }]),
          mockServices.database.factory({ knex }),
        ],
      });

      // Recorded when the plugin starts, before anyone asks.
      expect(await knex('paved_installation').select()).toHaveLength(1);

      const res = await request(server)
        .get('/api/paved/v1/info')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        version: expect.stringMatching(/^\d+\.\d+\.\d+/),
        providers: [
          {
            id: 'test',
            title: 'Test orchestrator',
            type: 'platform-orchestrator',
            // The sync has not run: its first run waits for the scheduler.
            sync: {
              lastRunAt: null,
              deployments: null,
              error: null,
              failingItems: 0,
            },
          },
        ],
        database: databaseId === 'SQLITE_3' ? 'sqlite' : 'postgres',
        installedAt: expect.any(String),
        demoData: true,
      });
      expect(Date.parse(res.body.installedAt)).not.toBeNaN();

      // The migration created the table and recorded one installation.
      const rows = await knex('paved_installation').select();
      expect(rows).toHaveLength(1);

      // A second request keeps the first installation time.
      const again = await request(server).get('/api/paved/v1/info');
      expect(again.body.installedAt).toBe(res.body.installedAt);
    },
  );

  it('rejects requests without a valid credential', async () => {
    const { server } = await startTestBackend({ features: [pavedPlugin] });

    const res = await request(server)
      .get('/api/paved/v1/info')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });

  it('answers service callers too', async () => {
    const { server } = await startTestBackend({ features: [pavedPlugin] });

    const res = await request(server)
      .get('/api/paved/v1/info')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.providers).toEqual([]);
  });

  it('refuses callers the permission policy denies', async () => {
    const { server } = await startTestBackend({
      features: [
        pavedPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });

    const res = await request(server).get('/api/paved/v1/info');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/Not allowed/);
  });

  it('rejects a second provider with the same id', async () => {
    await expect(
      startTestBackend({
        features: [
          pavedPlugin,
          fakeOrchestrator,
          createBackendModule({
            pluginId: 'paved',
            moduleId: 'duplicate',
            register(env) {
              env.registerInit({
                deps: { orchestrators: pavedOrchestratorExtensionPoint },
                async init({ orchestrators }) {
                  orchestrators.addProvider({
                    id: 'test',
                    title: 'Again',
                    type: 'x',
                  });
                },
              });
            },
          }),
        ],
      }),
    ).rejects.toThrow(/already registered/);
  });

  it('rejects a second demo data seeder with the same id', async () => {
    await expect(
      startTestBackend({
        features: [
          pavedPlugin,
          demoDataModule([{ id: 'adoption' }, { id: 'adoption' }]),
        ],
      }),
    ).rejects.toThrow(
      /A demo data seeder with id 'adoption' is already registered/,
    );
  });
});
