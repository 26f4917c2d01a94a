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
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { applyDatabaseMigrations } from './migrations';

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const migrationFiles = readdirSync(join(__dirname, '../../migrations')).filter(
  f => f.endsWith('.js'),
);
const database = { migrations: { skip: false } } as any;
// Replicas share one database server: PostgreSQL only (an in-memory SQLite
// database belongs to one process).
const postgres = databases.eachSupportedId();
const describeOnPostgres = postgres.length ? describe : describe.skip;
// Skipped without PostgreSQL; `each` still needs a row to name the test.
const postgresIds: TestDatabaseId[] = postgres.length
  ? postgres.map(([id]) => id)
  : ['POSTGRES_15'];

describeOnPostgres('applyDatabaseMigrations', () => {
  it.each(postgresIds)(
    'lets replicas starting together wait for the one that migrates, on %p',
    async databaseId => {
      const first = await databases.init(databaseId);
      // Two more clients on the same database, as two other replicas.
      const config = first.client.config;
      const knexFactory = require('knex');
      const second = knexFactory(config);
      const third = knexFactory(config);
      try {
        await Promise.all(
          [first, second, third].map(client =>
            applyDatabaseMigrations(database, client),
          ),
        );
        const applied = await first('paved_knex_migrations')
          .select('name')
          .count({ n: '*' })
          .groupBy('name');
        expect(applied).toHaveLength(migrationFiles.length);
        expect(applied.every(row => Number(row.n) === 1)).toBe(true);
      } finally {
        await second.destroy();
        await third.destroy();
      }
    },
    120_000,
  );

  it.each(postgresIds)(
    'names the lock to clear when a killed migration left it locked, on %p',
    async databaseId => {
      const db = await databases.init(databaseId);
      await applyDatabaseMigrations(database, db);
      await db('paved_knex_migrations_lock').update({ is_locked: 1 });
      // A new migration would need the lock; simulate one pending by
      // removing the newest record.
      const newest = migrationFiles.sort().at(-1);
      await db('paved_knex_migrations').where({ name: newest }).delete();
      await expect(
        applyDatabaseMigrations(database, db, { lockWaitMs: 1500 }),
      ).rejects.toThrow(/paved_knex_migrations_lock locked: set is_locked = 0/);
    },
    60_000,
  );
});
