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
 * DORA (docs/dora.md): run kinds, deployment rework rate, teams with their
 * child groups, the organisation view's lead-time batches, and the
 * orchestrator sync's failing items.
 *
 * - `paved_deployments.kind`: deploy, rollback, plan or destroy. Plan-only
 *   and destroy runs are stored and shown, never counted by DORA.
 * - `paved_deployments.hotfix`: marked as a hotfix (a `hotfix` label or a
 *   `Paved-Hotfix: true` / `Hotfix: true` commit trailer).
 * - `paved_dora_deployments.rework`: why a production deployment was an
 *   unplanned fix, as bits: 1 an incident of the entity was open when it
 *   finished, 2 hotfix, 4 rollback (0: planned).
 * - `paved_dora_deployments.flags`: what the run counts as, as bits the
 *   metric queries add up (counts.ts): 1 deployment, 2 failed change,
 *   4 failed deployment, 8 rework, 16/32/64 the rework reasons. Summing
 *   bits of one small integer costs a fraction of evaluating the
 *   conditions per row; the covering indexes hold it instead of the
 *   columns it is made of.
 * - `paved_dora_lead_batches`: the lead-time samples of each entity and
 *   deployment finish, packed (PostgreSQL: sorted big-endian float8s;
 *   SQLite: comma-separated text), so the organisation view reads one row
 *   per deployment instead of one per commit and computes exact medians
 *   itself.
 * - `paved_dora_groups`, `paved_dora_systems`: the catalog's group tree and
 *   system owners, so a team's numbers include its child groups and the
 *   entities of the systems it owns.
 * - `paved_orchestrator_sync_errors`: a deployment or project the sync could
 *   not read, with the reason and when to try again (backoff).
 *
 * The roll-ups are recomputed: every entity is marked out of date.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const postgres = isPostgres(knex);

  await knex.schema.alterTable('paved_deployments', table => {
    table
      .string('kind', 16)
      .notNullable()
      .defaultTo('deploy')
      .comment(
        'deploy, rollback, plan (plan-only) or destroy; DORA counts deploy and rollback',
      );
    table
      .boolean('hotfix')
      .notNullable()
      .defaultTo(false)
      .comment('Marked as a hotfix by a label or a commit trailer');
  });

  // The covering indexes gain the rework bits.
  await knex.schema.alterTable('paved_dora_deployments', table => {
    table.dropIndex([], 'paved_dora_deployments_entity_idx');
    table.dropIndex([], 'paved_dora_deployments_finished_idx');
  });
  await knex.schema.alterTable('paved_dora_deployments', table => {
    table
      .integer('rework')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Unplanned fix: 1 incident open when it finished, 2 hotfix, 4 rollback (bits)',
      );
    table
      .smallint('flags')
      .notNullable()
      .defaultTo(0)
      .comment(
        'Bits: 1 deployment, 2 failed change, 4 failed deployment, 8 rework, 16 incident fix, 32 hotfix, 64 rollback',
      );
    table.index(
      ['entity_id', 'finished_at', 'flags'],
      'paved_dora_deployments_entity_idx',
    );
    table.index(
      ['finished_at', 'entity_id', 'flags'],
      'paved_dora_deployments_finished_idx',
    );
  });

  await knex.schema.createTable('paved_dora_lead_batches', table => {
    table.comment(
      'DORA roll-up: the lead times of each entity and deployment finish, packed for the organisation view',
    );
    table.integer('entity_id').notNullable().comment('paved_dora_entities.id');
    table
      .timestamp('deployed_at', { useTz: true })
      .notNullable()
      .comment('Finish of the first production deployment of these commits');
    table.integer('samples').notNullable();
    table
      .binary('leads')
      .notNullable()
      .comment(
        'Lead times in seconds: sorted big-endian float8s (PostgreSQL), comma-separated text (SQLite)',
      );
    table.primary(['entity_id', 'deployed_at']);
    table.index(['deployed_at', 'entity_id'], 'paved_dora_lead_batches_idx');
  });

  await knex.schema.createTable('paved_dora_groups', table => {
    table.comment('Groups of the catalog and their parents, for team numbers');
    table.string('group_ref', 255).primary().notNullable();
    table.string('parent_ref', 255).nullable();
    table.index(['parent_ref'], 'paved_dora_groups_parent_idx');
  });

  await knex.schema.createTable('paved_dora_systems', table => {
    table.comment('Systems of entities with DORA data and their owners');
    table.string('system_ref', 255).primary().notNullable();
    table.string('owner_ref', 255).nullable();
    table.index(['owner_ref'], 'paved_dora_systems_owner_idx');
  });

  await knex.schema.createTable('paved_orchestrator_sync_errors', table => {
    table.comment(
      'Deployments and projects the orchestrator sync could not read, retried with backoff',
    );
    table.string('provider_id', 64).notNullable();
    table
      .string('item_type', 16)
      .notNullable()
      .comment('deployment or project');
    table
      .string('item_id', 255)
      .notNullable()
      .comment('Deployment id or project id in the orchestrator');
    table.text('reason').notNullable();
    table.integer('attempts').notNullable();
    table.timestamp('first_failed_at', { useTz: true }).notNullable();
    table.timestamp('last_failed_at', { useTz: true }).notNullable();
    table.timestamp('next_attempt_at', { useTz: true }).notNullable();
    table.primary(['provider_id', 'item_type', 'item_id']);
  });

  await createKindTrigger(knex, postgres);

  // Statistics for the new columns before the roll-ups are rebuilt: without
  // them PostgreSQL guesses the kind filter keeps almost no rows and plans
  // the rebuild's joins as nested loops (minutes instead of seconds on a
  // million deployments).
  if (postgres) await knex.raw('ANALYZE paved_deployments');

  await knex.raw(
    `INSERT INTO paved_dora_dirty (entity_ref, seq)
     SELECT entity_ref, 1 FROM (
       SELECT entity_ref FROM paved_deployments WHERE entity_ref IS NOT NULL
       UNION
       SELECT entity_ref FROM paved_incidents WHERE entity_ref IS NOT NULL
     ) refs WHERE true
     ON CONFLICT (entity_ref) DO UPDATE SET seq = paved_dora_dirty.seq + 1`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const postgres = isPostgres(knex);
  await dropKindTrigger(knex, postgres);
  await knex.schema.dropTable('paved_orchestrator_sync_errors');
  await knex.schema.dropTable('paved_dora_systems');
  await knex.schema.dropTable('paved_dora_groups');
  await knex.schema.dropTable('paved_dora_lead_batches');
  await knex.schema.alterTable('paved_dora_deployments', table => {
    table.dropIndex([], 'paved_dora_deployments_entity_idx');
    table.dropIndex([], 'paved_dora_deployments_finished_idx');
  });
  await knex.schema.alterTable('paved_dora_deployments', table => {
    table.dropColumn('flags');
    table.dropColumn('rework');
    table.index(
      ['entity_id', 'finished_at', 'outcome', 'incidents', 'rolled_back'],
      'paved_dora_deployments_entity_idx',
    );
    table.index(
      ['finished_at', 'entity_id', 'outcome', 'incidents', 'rolled_back'],
      'paved_dora_deployments_finished_idx',
    );
  });
  await knex.schema.alterTable('paved_deployments', table => {
    table.dropColumn('hotfix');
    table.dropColumn('kind');
  });
};

/** @param {import('knex').Knex} knex */
function isPostgres(knex) {
  const client = knex.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/**
 * A second update trigger on paved_deployments for the new columns, doing
 * what the one of 20261130120000_dora_rollups.js does (mark the entity
 * before and after as out of date). A trigger of its own leaves that one,
 * and any column another migration adds to it, untouched.
 *
 * @param {import('knex').Knex} knex
 * @param {boolean} postgres
 */
async function createKindTrigger(knex, postgres) {
  if (postgres) {
    await knex.raw(`
      CREATE TRIGGER paved_deployments_dora_kind
      AFTER UPDATE OF kind, hotfix ON paved_deployments
      FOR EACH ROW EXECUTE FUNCTION paved_deployments_dora()`);
    return;
  }
  // "WHERE true" keeps SQLite from reading ON CONFLICT as a join clause.
  /** @param {string} row */
  const mark = row => `
    INSERT INTO paved_dora_dirty (entity_ref, seq)
    SELECT ${row}.entity_ref, 1 WHERE ${row}.entity_ref IS NOT NULL
    ON CONFLICT (entity_ref) DO UPDATE SET seq = paved_dora_dirty.seq + 1;`;
  await knex.raw(`
    CREATE TRIGGER paved_deployments_dora_kind
    AFTER UPDATE OF kind, hotfix ON paved_deployments
    BEGIN ${mark('OLD')} ${mark('NEW')} END`);
}

/**
 * @param {import('knex').Knex} knex
 * @param {boolean} postgres
 */
async function dropKindTrigger(knex, postgres) {
  await knex.raw(
    postgres
      ? 'DROP TRIGGER IF EXISTS paved_deployments_dora_kind ON paved_deployments'
      : 'DROP TRIGGER IF EXISTS paved_deployments_dora_kind',
  );
}
