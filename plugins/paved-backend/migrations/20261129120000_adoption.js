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
 * Adoption and leading indicators (see docs/adoption.md).
 *
 * - `paved_adoption_facts`: the latest facts of each fact retriever
 *   (catalog, repository, ledger) per entity, like Tech Insights' facts,
 *   with a fingerprint so a run only writes what changed.
 * - `paved_adoption_fact_history`: every distinct value a retriever saw for
 *   an entity, with the time it was first seen (history on change, pruned
 *   after paved.adoption.historyDays).
 * - `paved_adoption_scores`: the latest automation and complexity scores
 *   per entity with their checks, factors and golden-path deviations.
 * - `paved_adoption_snapshots`: the organisation's metrics, one row per UTC
 *   day (the day's last computation wins), for the leading indicators over
 *   time. `demo` marks seeded demo history.
 * - `paved_analytics_activity`: page views per signed-in user, day and
 *   plugin (the user entity ref only; pruned after
 *   paved.analytics.retentionDays). `demo` marks seeded demo users.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_adoption_facts', table => {
    table.comment('Latest facts per entity and fact retriever');
    table.string('entity_ref', 255).notNullable();
    table.string('retriever_id', 64).notNullable();
    table.string('version', 32).notNullable();
    table.text('facts').notNullable().comment('JSON');
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('Hash of version and facts; a change adds a history row');
    table
      .text('etag')
      .nullable()
      .comment('ETag of what the facts were read from (repository reads)');
    table
      .timestamp('observed_at', { useTz: true })
      .notNullable()
      .comment('When these values were first seen');
    table
      .timestamp('checked_at', { useTz: true })
      .notNullable()
      .comment('When a run last confirmed them');
    table.primary(['entity_ref', 'retriever_id']);
    table.index(['checked_at'], 'paved_adoption_facts_checked_idx');
  });

  await knex.schema.createTable('paved_adoption_fact_history', table => {
    table.comment('Every distinct value of a fact retriever per entity');
    table.string('entity_ref', 255).notNullable();
    table.string('retriever_id', 64).notNullable();
    table.string('version', 32).notNullable();
    table.text('facts').notNullable().comment('JSON');
    table.timestamp('observed_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'retriever_id', 'observed_at']);
    table.index(['observed_at'], 'paved_adoption_fact_history_observed_idx');
  });

  await knex.schema.createTable('paved_adoption_scores', table => {
    table.comment('Latest automation and complexity scores per entity');
    table.string('entity_ref', 255).primary().notNullable();
    table.string('title', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.integer('automation').notNullable();
    table.integer('complexity').notNullable();
    table
      .integer('deviations')
      .notNullable()
      .comment('Number of ways it is off the golden path');
    table
      .text('details')
      .notNullable()
      .comment('JSON: checks, complexity factors and deviations');
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.index(
      ['deviations', 'automation'],
      'paved_adoption_scores_off_path_idx',
    );
    table.index(['computed_at'], 'paved_adoption_scores_computed_idx');
  });

  await knex.schema.createTable('paved_adoption_snapshots', table => {
    table.comment('Organisation adoption metrics, one row per UTC day');
    table.string('day', 10).primary().notNullable().comment('YYYY-MM-DD');
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.integer('duration_ms').nullable();
    table
      .boolean('demo')
      .notNullable()
      .defaultTo(false)
      .comment('Seeded demo history, not measured');
    table.text('metrics').notNullable().comment('JSON AdoptionMetrics');
    table.text('templates').notNullable().comment('JSON TemplateUsage[]');
  });

  await knex.schema.createTable('paved_analytics_activity', table => {
    table.comment('Page views per signed-in user, UTC day and plugin');
    table.string('user_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD');
    table.string('plugin_id', 64).notNullable().defaultTo('');
    table.integer('views').notNullable().defaultTo(0);
    table.boolean('demo').notNullable().defaultTo(false);
    table.primary(['user_ref', 'day', 'plugin_id']);
    table.index(['day'], 'paved_analytics_activity_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_analytics_activity');
  await knex.schema.dropTable('paved_adoption_snapshots');
  await knex.schema.dropTable('paved_adoption_scores');
  await knex.schema.dropTable('paved_adoption_fact_history');
  await knex.schema.dropTable('paved_adoption_facts');
};
