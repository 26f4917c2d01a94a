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
 * The feedback board: requests, one vote per person per request, comments
 * and themes. A request made from a survey comment names the survey and
 * period only; no respondent identity exists to copy. See docs/feedback.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_feedback_requests', table => {
    table.comment(
      'Pain points and requests people submit to the platform team',
    );
    table.string('id', 36).primary().notNullable().comment('UUID');
    table.string('title', 200).notNullable();
    table.text('description').notNullable();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('The catalog entity the request is about');
    table
      .string('template_ref', 255)
      .nullable()
      .comment('The software template the request is about');
    table.string('area', 100).nullable();
    table
      .string('submitter_ref', 255)
      .nullable()
      .comment(
        'User entity ref of the submitter; null when made from a survey',
      );
    table
      .string('created_by', 255)
      .notNullable()
      .comment(
        'Who created the record: the submitter, or the admin who turned a survey comment into it',
      );
    table
      .string('origin_survey_ref', 255)
      .nullable()
      .comment('Survey entity ref of the comment this was made from');
    table.string('origin_period', 16).nullable();
    table.string('status', 16).notNullable().defaultTo('new');
    table.text('status_reason').nullable();
    table
      .string('merged_into', 36)
      .nullable()
      .references('id')
      .inTable('paved_feedback_requests')
      .comment('The surviving request this duplicate was merged into');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'paved_feedback_requests_entity_idx');
    table.index(['created_at'], 'paved_feedback_requests_created_idx');
  });

  await knex.schema.createTable('paved_feedback_votes', table => {
    table.comment('One vote per person per request');
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('paved_feedback_requests')
      .onDelete('CASCADE');
    table.string('voter_ref', 255).notNullable().comment('User entity ref');
    table.timestamp('created_at', { useTz: true }).notNullable();
    // Concurrent double votes end up as one row.
    table.primary(['request_id', 'voter_ref']);
    table.index(['voter_ref'], 'paved_feedback_votes_voter_idx');
  });

  await knex.schema.createTable('paved_feedback_comments', table => {
    table.comment('Comments on requests, plain text');
    table.string('id', 36).primary().notNullable();
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('paved_feedback_requests')
      .onDelete('CASCADE');
    table.string('author_ref', 255).notNullable().comment('User entity ref');
    table.text('body').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['request_id'], 'paved_feedback_comments_request_idx');
  });

  await knex.schema.createTable('paved_feedback_themes', table => {
    table.comment('Themes the platform team tagged requests with');
    table
      .string('request_id', 36)
      .notNullable()
      .references('id')
      .inTable('paved_feedback_requests')
      .onDelete('CASCADE');
    table.string('theme', 40).notNullable();
    table.primary(['request_id', 'theme']);
    table.index(['theme'], 'paved_feedback_themes_theme_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_feedback_themes');
  await knex.schema.dropTable('paved_feedback_comments');
  await knex.schema.dropTable('paved_feedback_votes');
  await knex.schema.dropTable('paved_feedback_requests');
};
