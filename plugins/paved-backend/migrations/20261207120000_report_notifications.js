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
 * The months whose platform report notification went out: one row per
 * month, inserted before sending, so replicas and restarts send it once.
 * See docs/report.md.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_report_notifications', table => {
    table.comment('Monthly platform report notifications already sent');
    table.string('month', 7).primary().comment('YYYY-MM of the report');
    table
      .integer('recipients')
      .notNullable()
      .comment('How many recipient refs the notification named');
    table.timestamp('sent_at', { useTz: true }).notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_report_notifications');
};
