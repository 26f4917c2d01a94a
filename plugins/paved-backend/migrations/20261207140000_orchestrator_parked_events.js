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

/**
 * Orchestrator event messages the ledger consumer could not use (malformed,
 * or failing on every delivery), kept with the reason instead of blocking
 * the stream. One row per stream message: parking again is a no-op.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_orchestrator_parked_events', table => {
    table.comment('Orchestrator events the ledger consumer parked, with why');
    table.bigIncrements('id').primary();
    table.string('provider_id', 64).notNullable();
    table.string('stream', 255).notNullable();
    table
      .bigInteger('stream_sequence')
      .notNullable()
      .comment('The message sequence number in the stream');
    table.string('subject', 255).notNullable();
    table.text('payload').notNullable().comment('As received, cut at 64 KiB');
    table.text('reason').notNullable();
    table.integer('deliveries').notNullable();
    table.timestamp('parked_at', { useTz: true }).notNullable();
    table.unique(['provider_id', 'stream', 'stream_sequence'], {
      indexName: 'paved_orchestrator_parked_events_message_idx',
    });
    table.index(['provider_id', 'parked_at']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_orchestrator_parked_events');
};
