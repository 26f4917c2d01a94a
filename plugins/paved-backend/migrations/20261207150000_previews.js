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
 * Preview environments (docs/deployments.md#preview-environments): one row
 * per pull request (GitHub) or merge request (GitLab). A webhook delivery
 * writes what the pull request wants (`desired`: active at `head_sha`, or
 * closed); the preview reconciler drives the orchestrator there and writes
 * what it reached (`state`), claiming a row with a lease so that one
 * replica works on it at a time, and backing off after failures.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_previews', table => {
    table.string('id', 36).primary().comment('UUID');
    table.string('scm', 16).notNullable().comment('github or gitlab');
    table
      .string('repository', 255)
      .notNullable()
      .comment('owner/name (GitHub) or group/project path (GitLab)');
    table.integer('number').notNullable().comment('Pull request number');
    table.string('title', 500).nullable();
    table.string('web_url', 1000).nullable().comment('The pull request page');
    table.string('head_sha', 64).notNullable();
    table.string('head_ref', 255).nullable();
    table
      .string('desired', 16)
      .notNullable()
      .comment('active (deploy head_sha) or closed (delete)');
    table
      .string('state', 16)
      .notNullable()
      .comment(
        'pending, deploying, active, refused, failed, deleting, deleted, skipped',
      );
    table.string('reason', 1000).nullable().comment('Why, for the state');
    table
      .timestamp('pr_updated_at', { useTz: true })
      .notNullable()
      .comment('Pull request time of the latest applied event (ordering)');
    table
      .timestamp('last_activity_at', { useTz: true })
      .notNullable()
      .comment('Last push or reopen: the idle TTL counts from here');
    table.string('entity_ref', 255).nullable();
    table.string('provider_id', 64).nullable();
    table.string('project_id', 255).nullable();
    table.string('environment_id', 64).nullable().comment('pr-<number>');
    table.string('environment_url', 1000).nullable();
    table.string('deployment_id', 255).nullable().comment('Orchestrator id');
    table.string('deployed_sha', 64).nullable();
    table
      .string('report_id', 64)
      .nullable()
      .comment('GitHub deployment id reporting on head_sha');
    table.string('report_sha', 64).nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).nullable();
    table.string('lease_owner', 64).nullable();
    table.timestamp('lease_until', { useTz: true }).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['scm', 'repository', 'number'], {
      indexName: 'paved_previews_pull_request_uq',
    });
    table.index(['entity_ref'], 'paved_previews_entity_idx');
    table.index(
      ['provider_id', 'project_id', 'state'],
      'paved_previews_project_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_previews');
};
