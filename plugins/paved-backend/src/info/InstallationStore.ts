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
import { Knex } from 'knex';

const INSTALLATION_ID = 'default';

/**
 * Remembers when this Paved database was first set up.
 */
export class InstallationStore {
  constructor(private readonly db: Knex) {}

  /**
   * Returns the installation time, recording now as that time on first call.
   * Safe when several backend replicas start at once: the insert ignores a
   * conflicting row and everyone reads the one that won.
   */
  async installedAt(now: Date = new Date()): Promise<Date> {
    await this.db('paved_installation')
      .insert({ id: INSTALLATION_ID, installed_at: now })
      .onConflict('id')
      .ignore();
    const row = await this.db('paved_installation')
      .where({ id: INSTALLATION_ID })
      .first('installed_at');
    return toDate(row.installed_at);
  }
}

// SQLite hands timestamps back as numbers or strings, PostgreSQL as Dates.
function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}
