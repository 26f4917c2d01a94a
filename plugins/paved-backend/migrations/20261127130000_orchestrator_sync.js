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
 * Where the scheduled orchestrator sync got to, per provider, so each run
 * only asks for what is new (incremental) whichever replica runs it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_orchestrator_sync', table => {
    table.comment('Progress of the scheduled sync per orchestrator provider');
    table.string('provider_id', 64).primary().notNullable();
    table
      .timestamp('cursor', { useTz: true })
      .nullable()
      .comment('Newest deployment creation time seen');
    table.timestamp('last_run_at', { useTz: true }).nullable();
    table.integer('last_run_count').nullable();
    table.text('last_error').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_orchestrator_sync');
};
