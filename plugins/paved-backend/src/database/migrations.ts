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
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const MIGRATIONS_TABLE = 'paved_knex_migrations';
const migrationsDir = resolvePackagePath(
  '@paved/plugin-paved-backend',
  'migrations',
);

/**
 * Brings the Paved schema up to date, unless the operator manages migrations
 * out of band (`backend.database.plugin.paved.skipMigrations` and friends,
 * surfaced by the database service as `migrations.skip`).
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
  client: Knex,
  options: { lockWaitMs?: number; logger?: LoggerService } = {},
): Promise<void> {
  if (database.migrations?.skip) {
    return;
  }
  const lockWaitMs = options.lockWaitMs ?? 5 * 60_000;
  const deadline = Date.now() + lockWaitMs;
  for (let waited = false; ; waited = true) {
    try {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
      return;
    } catch (error) {
      // knex gives up at once when another process holds the lock (or
      // creates its tables at the same moment): replicas starting together
      // wait for the one that migrates instead of failing.
      if (!anotherProcessIsMigrating(error)) throw error;
      if (Date.now() > deadline) {
        throw new Error(
          `The Paved database is still being migrated by another process after ${Math.round(
            lockWaitMs / 1000,
          )} s. If none is running, a migration was killed and left ${MIGRATIONS_TABLE}_lock locked: set is_locked = 0 there and restart.`,
        );
      }
      if (!waited) {
        options.logger?.info(
          'Another replica is migrating the Paved database; waiting for it',
        );
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

function anotherProcessIsMigrating(error: unknown): boolean {
  const { name, code, message } = (error ?? {}) as {
    name?: string;
    code?: string;
    message?: string;
  };
  if (name === 'MigrationLocked') return true;
  // PostgreSQL: the migration tables created by two processes at once
  // (duplicate_table, duplicate_object for the row type, or unique_violation
  // on the type catalog).
  return (
    ['42P07', '42710', '23505'].includes(code ?? '') &&
    Boolean(message?.includes(MIGRATIONS_TABLE))
  );
}
