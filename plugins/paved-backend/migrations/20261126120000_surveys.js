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
 * Developer satisfaction surveys. Survey definitions live in the catalog
 * (kind Survey); the database keeps only answers, open/closed overrides and
 * the generated secret behind the respondent hash. See docs/surveys.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_survey_answers', table => {
    table.comment(
      'One answer per person per survey period; no user ids, no timestamps',
    );
    table
      .string('survey_ref', 255)
      .notNullable()
      .comment('Entity ref of the Survey, e.g. survey:default/platform-nps');
    table
      .string('period', 16)
      .notNullable()
      .comment('Survey period the answer counts for, e.g. 2026-Q4 (UTC)');
    table
      .string('respondent_hash', 64)
      .notNullable()
      .comment(
        'HMAC-SHA256 (server secret) of survey, period and user entity ref; only deduplicates',
      );
    table.integer('score').notNullable().comment('The 0-10 answer');
    table
      .text('comment')
      .nullable()
      .comment('Plain-text follow-up answer, control characters removed');
    table
      .string('source', 8)
      .notNullable()
      .defaultTo('user')
      .comment('"user" for real answers, "demo" for the demo dataset');
    // The unique key that makes "one answer per person per period" hold
    // under concurrent submits: writers upsert on it.
    table.primary(['survey_ref', 'period', 'respondent_hash']);
  });

  await knex.schema.createTable('paved_survey_state', table => {
    table.comment('Open/closed overrides set by platform admins');
    table.string('survey_ref', 255).primary().notNullable();
    table.boolean('open').notNullable();
    table
      .string('changed_by', 255)
      .nullable()
      .comment('Entity ref of the admin who last opened or closed the survey');
    table.timestamp('changed_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('paved_secrets', table => {
    table.comment(
      'Secrets Paved generates for itself when config does not provide them',
    );
    table.string('name', 64).primary().notNullable();
    table.string('value', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_secrets');
  await knex.schema.dropTable('paved_survey_state');
  await knex.schema.dropTable('paved_survey_answers');
};
