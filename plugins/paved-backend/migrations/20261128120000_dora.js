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
 * DORA metrics (see docs/dora.md), the ledger part: two columns and the
 * indexes the roll-ups are computed with. The roll-ups themselves are
 * created by 20261130120000_dora_rollups.js.
 *
 * - `paved_deployments.pipeline_run`: records of one pipeline run for one
 *   environment are one deployment;
 * - `paved_deployments.rolled_back`: the deployment was rolled back (a
 *   change failure).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('paved_deployments', table => {
    table
      .string('pipeline_run', 255)
      .nullable()
      .comment(
        'CI pipeline run id; records of one run for one environment are one deployment',
      );
    table
      .boolean('rolled_back')
      .notNullable()
      .defaultTo(false)
      .comment('The deployment was rolled back (counts as a change failure)');
  });
  await knex.schema.alterTable('paved_incidents', table => {
    table.index(
      ['entity_ref', 'resolved_at'],
      'paved_incidents_entity_resolved_idx',
    );
    table.index(['resolved_at'], 'paved_incidents_resolved_idx');
    table.index(['deployment_id'], 'paved_incidents_deployment_idx');
  });
  await knex.schema.alterTable('paved_changes', table => {
    table.index(['sha'], 'paved_changes_sha_idx');
  });
  await knex.schema.alterTable('paved_deployment_changes', table => {
    table.index(['sha'], 'paved_deployment_changes_sha_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('paved_deployment_changes', table => {
    table.dropIndex([], 'paved_deployment_changes_sha_idx');
  });
  await knex.schema.alterTable('paved_changes', table => {
    table.dropIndex([], 'paved_changes_sha_idx');
  });
  await knex.schema.alterTable('paved_incidents', table => {
    table.dropIndex([], 'paved_incidents_deployment_idx');
    table.dropIndex([], 'paved_incidents_resolved_idx');
    table.dropIndex([], 'paved_incidents_entity_resolved_idx');
  });
  await knex.schema.alterTable('paved_deployments', table => {
    table.dropColumn('rolled_back');
    table.dropColumn('pipeline_run');
  });
};
