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
 * What each survey period has released, so results cannot single out one
 * answer: while a period takes answers its results change only in steps of
 * at least the survey's minimum number of answers; when it closes its
 * threshold is frozen, so lowering minimumAnswers later cannot reveal a
 * closed period's few answers. See docs/surveys.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_survey_periods', table => {
    table.comment('Released results and frozen thresholds of survey periods');
    table.string('survey_ref', 255).notNullable();
    table.string('period', 16).notNullable();
    table
      .integer('minimum_answers')
      .notNullable()
      .comment('Threshold in force; frozen once the period closed');
    table
      .boolean('closed')
      .notNullable()
      .defaultTo(false)
      .comment('The period stopped taking answers (over, or survey closed)');
    table
      .integer('released_answers')
      .notNullable()
      .defaultTo(0)
      .comment('How many answers the released result counts');
    table
      .text('released_result')
      .nullable()
      .comment(
        'The released figures (counts, NPS, sorted comments) as JSON; no respondents',
      );
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['survey_ref', 'period']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_survey_periods');
};
