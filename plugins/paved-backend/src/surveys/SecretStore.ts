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
import { randomBytes } from 'node:crypto';

const TABLE = 'paved_secrets';

/**
 * Secrets Paved generates once and keeps in its own database, for when the
 * operator does not configure one. Several replicas starting at once agree
 * on one value: the insert ignores a conflict and everyone reads the winner.
 */
export class SecretStore {
  constructor(private readonly db: Knex) {}

  async getOrCreate(name: string): Promise<string> {
    await this.db(TABLE)
      .insert({
        name,
        value: randomBytes(32).toString('base64'),
        created_at: new Date(),
      })
      .onConflict('name')
      .ignore();
    const row = await this.db(TABLE).where({ name }).first('value');
    return String(row.value);
  }

  /** Deletes a generated secret; returns whether there was one. */
  async delete(name: string): Promise<boolean> {
    return (await this.db(TABLE).where({ name }).delete()) > 0;
  }
}
