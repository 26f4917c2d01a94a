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
 * The entity report reads one entity's lead times in the window by
 * (entity_id, deployed_at). With lead_seconds in that index PostgreSQL
 * answers from the index alone; without it the planner preferred scanning
 * all of the entity's samples through the (entity_id, lead_bin, ...) index.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('paved_dora_lead_times', table => {
    table.dropIndex([], 'paved_dora_lead_times_entity_idx');
    table.index(
      ['entity_id', 'deployed_at', 'lead_bin', 'lead_seconds'],
      'paved_dora_lead_times_entity_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('paved_dora_lead_times', table => {
    table.dropIndex([], 'paved_dora_lead_times_entity_idx');
    table.index(
      ['entity_id', 'deployed_at', 'lead_bin'],
      'paved_dora_lead_times_entity_idx',
    );
  });
};
