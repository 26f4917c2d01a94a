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

// @ts-check

/*
 * API and CLI records are stored under the caller's own source
 * (`api:user:<namespace>/<name>`, `api:<service subject>`, optionally
 * `/<label>`), which is longer than the 64 characters the ledger's source
 * columns had. SQLite does not enforce varchar lengths, so only PostgreSQL
 * needs the wider type (widening a varchar does not rewrite the table).
 *
 * The webhook retention task empties payloads of finished deliveries by
 * (status, processed_at); the index keeps that from scanning the inbox.
 */

const SOURCE_TABLES = ['paved_deployments', 'paved_incidents', 'paved_changes'];

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  return ['pg', 'postgres', 'postgresql'].includes(
    String(knex.client.config.client),
  );
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (isPostgres(knex)) {
    for (const table of SOURCE_TABLES) {
      await knex.raw('ALTER TABLE ?? ALTER COLUMN source TYPE varchar(255)', [
        table,
      ]);
    }
  }
  await knex.schema.alterTable('paved_webhook_deliveries', table => {
    table.index(
      ['status', 'processed_at'],
      'paved_webhook_deliveries_processed_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('paved_webhook_deliveries', table => {
    table.dropIndex([], 'paved_webhook_deliveries_processed_idx');
  });
  if (isPostgres(knex)) {
    // Fails while longer sources are stored, rather than cutting them.
    for (const table of SOURCE_TABLES) {
      await knex.raw('ALTER TABLE ?? ALTER COLUMN source TYPE varchar(64)', [
        table,
      ]);
    }
  }
};
