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
 * The deployment and incident ledger and the durable webhook inbox.
 *
 * Every record has a unique key from its source (`source` + `external_id`,
 * or `subject` + `sha` for commits, `source` + `delivery_id` for webhook
 * deliveries); writers insert-or-ignore on it and update conditionally, so
 * repeated, concurrent or out-of-order ingestion never duplicates a row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('paved_deployments', table => {
    table.comment('Deployments of catalog entities, from any source');
    table.string('id', 36).primary().notNullable().comment('Ledger id (uuid)');
    table
      .string('source', 64)
      .notNullable()
      .comment('api, github, gitlab, argocd, generic or orchestrator:<id>');
    table
      .string('external_id', 255)
      .notNullable()
      .comment('Id of the deployment in its source');
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('Catalog entity, once a link key or the caller named it');
    table
      .string('subject', 512)
      .nullable()
      .comment('Link key annotation=value named by the source');
    table.string('environment', 255).notNullable();
    table.boolean('is_production').notNullable().defaultTo(false);
    table.string('version', 255).nullable();
    table.string('commit_sha', 64).nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment(
        'pending, in_progress, success, failure, error, cancelled, unknown',
      );
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('url').nullable();
    table.text('message').nullable();
    table
      .timestamp('source_updated_at', { useTz: true })
      .notNullable()
      .comment('When the source last changed it; older updates do not win');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'paved_deployments_source_external_id_uniq',
    });
    table.index(['entity_ref', 'started_at'], 'paved_deployments_entity_idx');
    table.index(['subject'], 'paved_deployments_subject_idx');
  });

  await knex.schema.createTable('paved_changes', table => {
    table.comment('Commits (changes), from pushes or deployment records');
    table
      .string('subject', 512)
      .notNullable()
      .comment(
        'Link key of the repository, e.g. github.com/project-slug=acme/x',
      );
    table.string('sha', 64).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('source', 64).notNullable();
    table
      .string('author', 255)
      .nullable()
      .comment('Name or login, never an e-mail');
    table.timestamp('authored_at', { useTz: true }).nullable();
    table.timestamp('committed_at', { useTz: true }).nullable();
    table.string('message', 500).nullable().comment('First line only');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.primary(['subject', 'sha']);
    table.index(['entity_ref'], 'paved_changes_entity_idx');
  });

  await knex.schema.createTable('paved_deployment_changes', table => {
    table.comment('Which commits a deployment shipped');
    table
      .string('deployment_id', 36)
      .notNullable()
      .references('id')
      .inTable('paved_deployments')
      .onDelete('CASCADE');
    table.string('sha', 64).notNullable();
    table.primary(['deployment_id', 'sha']);
  });

  await knex.schema.createTable('paved_incidents', table => {
    table.comment('Incidents of catalog entities, from any source');
    table.string('id', 36).primary().notNullable();
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('subject', 512).nullable();
    table.string('title', 512).notNullable();
    table.string('severity', 32).nullable();
    table.string('status', 16).notNullable().comment('open or resolved');
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table
      .string('deployment_id', 36)
      .nullable()
      .references('id')
      .inTable('paved_deployments')
      .onDelete('SET NULL');
    table.text('url').nullable();
    table.timestamp('source_updated_at', { useTz: true }).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'paved_incidents_source_external_id_uniq',
    });
    table.index(['entity_ref', 'opened_at'], 'paved_incidents_entity_idx');
    table.index(['subject'], 'paved_incidents_subject_idx');
  });

  await knex.schema.createTable('paved_webhook_deliveries', table => {
    table.comment(
      'Verified webhook deliveries, stored before they are acknowledged',
    );
    table.string('id', 36).primary().notNullable();
    table.string('source', 32).notNullable().comment('github, gitlab, ...');
    table
      .string('delivery_id', 255)
      .notNullable()
      .comment("The sender's delivery id; a redelivery has the same one");
    table.string('event', 128).notNullable();
    table.text('payload').notNullable().comment('The verified JSON body');
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, processed, ignored or failed');
    table.integer('attempts').notNullable().defaultTo(0);
    table.timestamp('lease_until', { useTz: true }).nullable();
    table.string('leased_by', 64).nullable();
    table.text('result').nullable().comment('Why it was ignored or failed');
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.timestamp('processed_at', { useTz: true }).nullable();
    table.unique(['source', 'delivery_id'], {
      indexName: 'paved_webhook_deliveries_source_delivery_uniq',
    });
    table.index(
      ['status', 'received_at'],
      'paved_webhook_deliveries_status_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('paved_webhook_deliveries');
  await knex.schema.dropTable('paved_incidents');
  await knex.schema.dropTable('paved_deployment_changes');
  await knex.schema.dropTable('paved_changes');
  await knex.schema.dropTable('paved_deployments');
};
