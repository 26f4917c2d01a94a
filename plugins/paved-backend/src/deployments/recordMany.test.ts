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
import { applyDatabaseMigrations } from '../database';
import { DeploymentInput, DeploymentStore } from './DeploymentStore';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 9, minute));
const input = (
  externalId: string,
  status: DeploymentInput['status'],
  minute: number,
  extra: Partial<DeploymentInput> = {},
): DeploymentInput => ({
  source: 'orchestrator:po',
  externalId,
  subject: 'paved.dev/orchestrator-project=checkout',
  environment: 'production',
  production: true,
  status,
  startedAt: at(0),
  updatedAt: at(minute),
  ...extra,
});

describe('DeploymentStore.recordMany', () => {
  it.each(databases.eachSupportedId())(
    'ends where one record() per input ends, in one transaction, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(
        { getClient: async () => knex } as unknown as DatabaseService,
        knex,
      );
      const store = new DeploymentStore(knex);
      await store.record(input('old', 'success', 10));

      const results = await knex.transaction(tx =>
        store.recordMany(
          [
            input('new', 'in_progress', 1),
            // Two inputs of one deployment: the newer wins, in order.
            input('new', 'success', 2, { url: 'https://po.example.com/new' }),
            // Older than what is stored: changes nothing ...
            input('old', 'in_progress', 5),
            // ... a repeat neither; an earlier start does.
            input('old', 'success', 10, { startedAt: new Date(0) }),
            // An older input still fills in what the row does not know.
            input('old', 'failure', 3, { url: 'https://po.example.com/old' }),
          ],
          tx,
        ),
      );
      expect(results.map(r => [r.created, r.changed])).toEqual([
        [true, true],
        [false, true],
        [false, false],
        [false, true],
        [false, true],
      ]);
      expect(results[0].id).toBe(results[1].id);

      const rows = await knex('paved_deployments')
        .orderBy('external_id')
        .select('external_id', 'status', 'url', 'started_at');
      expect(rows.map(r => [r.external_id, r.status, r.url])).toEqual([
        ['new', 'success', 'https://po.example.com/new'],
        ['old', 'success', 'https://po.example.com/old'],
      ]);
      expect(new Date(rows[1].started_at).getTime()).toBe(0);
      // Changed rows have their commit range recomputed, as record() does.
      expect(await knex('paved_commit_ranges').pluck('deployment_id')).toEqual(
        expect.arrayContaining([results[0].id, results[3].id]),
      );

      await expect(
        knex.transaction(tx =>
          store.recordMany(
            [input('c', 'success', 1, { commitSha: 'abc1234' })],
            tx,
          ),
        ),
      ).rejects.toThrow('recordMany takes deployments without commits');
    },
  );
});
