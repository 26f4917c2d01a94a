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
 * The survey periods whose invitation went out: one row per survey and
 * period, inserted before sending, so replicas and restarts invite each
 * audience once per open period. See docs/surveys.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_survey_invitations', table => {
    table.comment('Survey invitations already sent, per survey and period');
    table.string('survey_ref', 255).notNullable();
    table.string('period', 16).notNullable();
    table
      .integer('recipients')
      .notNullable()
      .comment('How many users of the audience were invited');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['survey_ref', 'period']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_survey_invitations');
};
