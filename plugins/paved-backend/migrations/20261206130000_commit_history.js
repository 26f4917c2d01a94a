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
 * Commits shipped by a deployment, and one deployment per run whatever the
 * door (docs/dora.md, "Commits shipped by a deployment"):
 *
 * - `paved_pushes` + `paved_push_commits`: each repository's push history
 *   (ref moved from `before` to `after`, with the commits the push brought,
 *   oldest first, and their details), from GitHub and GitLab push
 *   webhooks. A production deployment's commit range is walked along it.
 * - `paved_repositories`: where a repository lives (web URL, GitLab project
 *   id), to ask the SCM's compare API through Backstage's integrations when
 *   the history has a gap.
 * - `paved_commit_ranges`: per deployment record, whether its range was
 *   resolved, how, and why not.
 * - `paved_changes.cherry_pick_of`: the original commit named by a
 *   `(cherry picked from commit <sha>)` trailer.
 * - `paved_deployment_changes.shipped_sha`: the commit in the deployed
 *   history that carried a change, when it is a cherry-pick of it.
 * - an index on `paved_deployments (pipeline_run, environment)`: records
 *   of one run are correlated across sources when they are written.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_pushes', table => {
    table.comment('Pushes to repositories: a ref moved from before to after');
    table.bigIncrements('id');
    table
      .string('subject', 512)
      .notNullable()
      .comment('Link key of the repository, e.g. github.com/project-slug=a/b');
    table.string('ref', 255).notNullable();
    table
      .string('before_sha', 64)
      .notNullable()
      .comment('Zeros when the push created the ref');
    table.string('after_sha', 64).notNullable();
    table
      .boolean('forced')
      .notNullable()
      .defaultTo(false)
      .comment('History was rewritten: before is not an ancestor of after');
    table
      .integer('listed')
      .notNullable()
      .comment('Commits the payload listed (paved_push_commits)');
    table
      .integer('total')
      .nullable()
      .comment('Commits the push brought, when the sender says (GitLab)');
    table
      .boolean('complete')
      .notNullable()
      .comment('The payload listed every commit the push brought');
    table
      .text('commits')
      .notNullable()
      .comment('The listed commit shas, oldest first, comma-separated');
    table.string('source', 64).notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.unique(['subject', 'ref', 'before_sha', 'after_sha'], {
      indexName: 'paved_pushes_move_uniq',
    });
  });

  // Finds the pushes that brought a commit (the push's own row keeps the
  // order), with the commit's details until a deployment ships it: the
  // range resolver then copies them to paved_changes, which the metric
  // queries read. So a burst of pushes writes two tables with one index
  // each besides the key, and fires no roll-up trigger. No primary key or
  // foreign key: rows are only looked up by sha, pushes are never deleted,
  // and a check per commit would cost more than it guards.
  await knex.schema.createTable('paved_push_commits', table => {
    table.comment('The commits of a push (paved_pushes.id), by sha');
    table.bigInteger('push_id').notNullable();
    table.integer('position').notNullable();
    table.string('sha', 64).notNullable();
    table
      .string('author', 255)
      .nullable()
      .comment('Name or login, never an e-mail');
    table.timestamp('committed_at', { useTz: true }).nullable();
    table.string('message', 500).nullable().comment('First line only');
    table
      .string('cherry_pick_of', 64)
      .nullable()
      .comment(
        'Original commit named by a "(cherry picked from commit <sha>)" trailer',
      );
    table.index(['sha'], 'paved_push_commits_sha_idx');
  });

  await knex.schema.createTable('paved_repositories', table => {
    table.comment('Where a repository lives, for its SCM compare API');
    table.string('subject', 512).primary().notNullable();
    table.string('provider', 16).notNullable().comment('github or gitlab');
    table.text('web_url').notNullable().comment('e.g. https://github.com/a/b');
    table
      .string('project_id', 64)
      .nullable()
      .comment('GitLab project id (the compare endpoint takes it)');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('paved_commit_ranges', table => {
    table.comment(
      'Commit range of a deployment record: the commits since the previous production deployment',
    );
    table
      .string('deployment_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('paved_deployments')
      .onDelete('CASCADE');
    table
      .string('status', 16)
      .notNullable()
      .comment(
        'pending, complete, listed, first, partial, no_commit or skipped (see docs/dora.md)',
      );
    table
      .boolean('complete')
      .notNullable()
      .defaultTo(false)
      .comment('status is complete or listed: the range is known in full');
    table.string('method', 16).nullable().comment('history, compare or listed');
    table
      .boolean('listed')
      .notNullable()
      .defaultTo(false)
      .comment('The sender listed the commits it shipped');
    table.string('base_deployment_id', 36).nullable();
    table.string('base_sha', 64).nullable();
    table.integer('commit_count').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.text('reason').nullable().comment('Why the range is not complete');
    table.timestamp('resolved_at', { useTz: true }).nullable();
    // Denormalised from the deployment for the coverage query.
    table.string('entity_ref', 255).nullable();
    table.string('environment', 255).nullable();
    table
      .string('run_key', 300)
      .nullable()
      .comment('As the DORA roll-ups key runs: run:<pipeline run> or id:<id>');
    table.index(['status', 'next_attempt_at'], 'paved_commit_ranges_due_idx');
    table.index(
      ['entity_ref', 'environment', 'run_key', 'complete'],
      'paved_commit_ranges_run_idx',
    );
  });

  await knex.schema.alterTable('paved_changes', table => {
    table
      .string('cherry_pick_of', 64)
      .nullable()
      .comment(
        'Original commit named by a "(cherry picked from commit <sha>)" trailer',
      );
  });
  await knex.schema.alterTable('paved_deployment_changes', table => {
    table
      .string('shipped_sha', 64)
      .nullable()
      .comment(
        'The cherry-pick that carried this change into the deployment, when sha is its original',
      );
  });
  await knex.schema.alterTable('paved_deployments', table => {
    table.index(
      ['pipeline_run', 'environment'],
      'paved_deployments_pipeline_run_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('paved_deployments', table => {
    table.dropIndex([], 'paved_deployments_pipeline_run_idx');
  });
  await knex.schema.alterTable('paved_deployment_changes', table => {
    table.dropColumn('shipped_sha');
  });
  await knex.schema.alterTable('paved_changes', table => {
    table.dropColumn('cherry_pick_of');
  });
  await knex.schema.dropTable('paved_commit_ranges');
  await knex.schema.dropTable('paved_repositories');
  await knex.schema.dropTable('paved_push_commits');
  await knex.schema.dropTable('paved_pushes');
};
