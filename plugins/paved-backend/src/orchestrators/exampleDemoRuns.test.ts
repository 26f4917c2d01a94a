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
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ExampleOrchestratorProvider } from '@paved/plugin-paved-backend-module-example-provider';
import { applyDatabaseMigrations } from '../database';
import { OrchestratorSync } from './OrchestratorSync';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
jest.setTimeout(60_000);

// The development portal's demo orchestrator runs: the example provider's
// labelled demo deployments reach the ledger through the real sync.
describe('example provider demo runs', () => {
  it.each(databases.eachSupportedId())(
    'are written to the ledger by the orchestrator sync, once, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { getClient: async () => knex } as unknown as DatabaseService,
        knex,
      );
      const now = new Date('2026-12-06T08:00:00Z');
      const provider = new ExampleOrchestratorProvider({ now: () => now });
      const runs = await provider.recordDemoRuns({ projectId: 'preview-demo' });
      // Recording again the same day adds nothing.
      expect(
        await provider.recordDemoRuns({ projectId: 'preview-demo' }),
      ).toEqual([]);
      expect(runs.length).toBeGreaterThanOrEqual(5);

      const sync = new OrchestratorSync({
        db: knex,
        catalog: catalogServiceMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'preview-demo',
                namespace: 'default',
                annotations: {
                  'paved.dev/orchestrator-project': 'preview-demo',
                },
              },
              spec: {},
            },
          ],
        }),
        logger: mockServices.logger.mock(),
        providers: () => [provider],
      });
      expect(await sync.run(mockCredentials.service(), now)).toEqual({
        example: runs.length,
      });
      await sync.run(mockCredentials.service(), now);

      const rows = await knex('paved_deployments')
        .where({ source: 'orchestrator:example' })
        .orderBy('external_id');
      expect(rows.map(r => r.external_id)).toEqual(runs.map(r => r.id).sort());
      for (const row of rows) {
        expect(row.entity_ref).toBe('component:default/preview-demo');
        expect(row.message).toMatch(/^\(demo\) /);
        expect(Boolean(row.production)).toBe(false);
        expect(['development', 'staging']).toContain(row.environment);
      }
      expect(rows.filter(r => r.status === 'failure')).toHaveLength(1);
      expect(rows.filter(r => r.status === 'success')).toHaveLength(
        runs.length - 1,
      );
    },
  );
});
