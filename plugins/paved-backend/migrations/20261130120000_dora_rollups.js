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

const TRIGGER_TABLES = [
  'paved_deployments',
  'paved_incidents',
  'paved_changes',
  'paved_deployment_changes',
];

/**
 * Which entities a changed row affects, as SQL selecting `entity_ref`,
 * with `row` standing for NEW or OLD.
 *
 * @type {Record<string, (row: string) => string>}
 */
const AFFECTED = {
  // The deployment's own entity.
  paved_deployments: row => `SELECT ${row}.entity_ref AS entity_ref`,
  // The incident's entity (attribution to its latest deployment) and the
  // entity of the deployment it names.
  paved_incidents: row =>
    `SELECT ${row}.entity_ref AS entity_ref
     UNION SELECT d.entity_ref FROM paved_deployments d WHERE d.id = ${row}.deployment_id`,
  // Entities of the deployments that shipped the commit (its commit time).
  paved_changes: row =>
    `SELECT d.entity_ref AS entity_ref FROM paved_deployment_changes dc
     JOIN paved_deployments d ON d.id = dc.deployment_id WHERE dc.sha = ${row}.sha`,
  // The entity of the deployment that shipped it.
  paved_deployment_changes: row =>
    `SELECT d.entity_ref AS entity_ref FROM paved_deployments d WHERE d.id = ${row}.deployment_id`,
};

/**
 * Columns whose update changes a DORA number.
 *
 * @type {Record<string, string[]>}
 */
const WATCHED = {
  paved_deployments: [
    'entity_ref',
    'environment',
    'is_production',
    'status',
    'started_at',
    'finished_at',
    'pipeline_run',
    'rolled_back',
  ],
  paved_incidents: [
    'entity_ref',
    'status',
    'opened_at',
    'resolved_at',
    'deployment_id',
  ],
  paved_changes: [
    'entity_ref',
    'subject',
    'sha',
    'authored_at',
    'committed_at',
  ],
  paved_deployment_changes: ['deployment_id', 'sha'],
};

/**
 * DORA metrics (see docs/dora.md): the incrementally maintained roll-ups
 * the metric queries read, and the triggers that keep them honest.
 *
 * - `paved_dora_entities`: a compact integer id per entity with DORA data
 *   (roll-ups group by integers, much faster than by entity refs) and its
 *   owner and system, copied from the catalog so team and system views are
 *   plain joins.
 * - `paved_dora_deployments`: one row per production pipeline run (or per
 *   record without a run id), with its outcome, finish time, rollback flag
 *   and the number of incidents attributed to it.
 * - `paved_dora_lead_times`: one row per commit and entity: commit time, the
 *   finish of the first production deployment that contained it, and the
 *   lead time in seconds (only samples > 0) with its median bin.
 * - `paved_dora_dirty`: entities whose roll-ups are out of date. Triggers on
 *   the ledger tables fill it, whichever code path writes the ledger
 *   (REST, CLI, webhooks, orchestrator sync, entity linking), so the
 *   roll-ups cannot silently drift; `seq` lets a refresher claim exactly
 *   the state it recomputed.
 * - `paved_dora_state`: the settings the roll-ups were built with (the
 *   production mapping), so a config change rebuilds them.
 *
 * An early draft of these tables was part of 20261128120000_dora.js in
 * development databases; it is replaced here (the roll-ups hold nothing
 * that cannot be recomputed from the ledger).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const client = knex.client.config.client;
  const postgres =
    client === 'pg' || client === 'postgres' || client === 'postgresql';
  const sqlite = String(client).includes('sqlite');
  if (!postgres && !sqlite) {
    throw new Error(
      `DORA roll-ups support SQLite and PostgreSQL, not the '${client}' database client`,
    );
  }
  await dropRollups(knex, postgres);

  await knex.schema.createTable('paved_dora_entities', table => {
    table.comment(
      'Entities with DORA data: a compact id for the roll-ups, and owner and system from the catalog',
    );
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('owner_ref', 255).nullable();
    table.string('system_ref', 255).nullable();
    table
      .boolean('in_catalog')
      .notNullable()
      .defaultTo(false)
      .comment('False when the catalog does not know the entity (any more)');
    table
      .timestamp('synced_at', { useTz: true })
      .nullable()
      .comment('Last catalog lookup; null until the first one');
    table.unique(['entity_ref'], { indexName: 'paved_dora_entities_ref_uniq' });
    table.index(['owner_ref'], 'paved_dora_entities_owner_idx');
    table.index(['system_ref'], 'paved_dora_entities_system_idx');
  });

  await knex.schema.createTable('paved_dora_deployments', table => {
    table.comment(
      'DORA roll-up: production deployments, one per pipeline run and environment',
    );
    table.integer('entity_id').notNullable().comment('paved_dora_entities.id');
    table.string('environment', 255).notNullable();
    table
      .string('run_key', 300)
      .notNullable()
      .comment(
        'run:<pipeline run> or id:<ledger id> of a record without a run',
      );
    table
      .string('outcome', 16)
      .notNullable()
      .comment('success, or failed (no successful record in the run)');
    table
      .timestamp('finished_at', { useTz: true })
      .notNullable()
      .comment(
        'Latest finish of the run (of its successful records when it succeeded)',
      );
    table.boolean('rolled_back').notNullable();
    table
      .integer('incidents')
      .notNullable()
      .comment('Incidents attributed to this deployment');
    table.primary(['entity_id', 'environment', 'run_key']);
    // Covering indexes: the metric queries read them without the table.
    table.index(
      ['entity_id', 'finished_at', 'outcome', 'incidents', 'rolled_back'],
      'paved_dora_deployments_entity_idx',
    );
    table.index(
      ['finished_at', 'entity_id', 'outcome', 'incidents', 'rolled_back'],
      'paved_dora_deployments_finished_idx',
    );
  });

  // Indexes cover the metric queries (PostgreSQL answers them from the
  // index alone): window scans by time or entity, and the median refinement
  // by (entity, bin) and (bin, time).
  await knex.schema.createTable('paved_dora_lead_times', table => {
    table.comment(
      'DORA roll-up: lead time of each commit to its first production deployment',
    );
    table.integer('entity_id').notNullable().comment('paved_dora_entities.id');
    table.string('sha', 64).notNullable();
    table.timestamp('committed_at', { useTz: true }).notNullable();
    table
      .timestamp('deployed_at', { useTz: true })
      .notNullable()
      .comment('Finish of the first production deployment that contained it');
    table.double('lead_seconds').notNullable();
    table
      .integer('lead_bin')
      .notNullable()
      .comment(
        'Ordered bin of lead_seconds (FLOOR(LN(x) * 8)); medians count per bin, then sort only the middle one',
      );
    table.primary(['entity_id', 'sha']);
    table.index(
      ['deployed_at', 'entity_id', 'lead_bin', 'lead_seconds'],
      'paved_dora_lead_times_deployed_idx',
    );
    table.index(
      ['entity_id', 'deployed_at', 'lead_bin'],
      'paved_dora_lead_times_entity_idx',
    );
    table.index(
      ['entity_id', 'lead_bin', 'deployed_at', 'lead_seconds'],
      'paved_dora_lead_times_entity_bin_idx',
    );
    table.index(
      ['lead_bin', 'deployed_at', 'entity_id', 'lead_seconds'],
      'paved_dora_lead_times_bin_idx',
    );
  });

  await knex.schema.createTable('paved_dora_dirty', table => {
    table.comment('Entities whose DORA roll-ups need recomputing');
    table.string('entity_ref', 255).primary().notNullable();
    table
      .integer('seq')
      .notNullable()
      .comment(
        'Bumped on every change; a refresher deletes only the seq it saw',
      );
  });

  await knex.schema.createTable('paved_dora_state', table => {
    table.comment('Settings the DORA roll-ups were built with');
    table.string('key', 64).primary().notNullable();
    table.text('value').notNullable();
  });

  if (postgres) {
    await createPostgresTriggers(knex);
  } else if (sqlite) {
    await createSqliteTriggers(knex);
  }

  // Everything already in the ledger needs a first roll-up.
  await knex.raw(
    `INSERT INTO paved_dora_dirty (entity_ref, seq)
     SELECT entity_ref, 1 FROM (
       SELECT entity_ref FROM paved_deployments WHERE entity_ref IS NOT NULL
       UNION
       SELECT entity_ref FROM paved_incidents WHERE entity_ref IS NOT NULL
     ) refs`,
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const client = knex.client.config.client;
  await dropRollups(
    knex,
    client === 'pg' || client === 'postgres' || client === 'postgresql',
  );
};

/**
 * Drops the roll-up tables and the ledger triggers, if there are any.
 *
 * @param {import('knex').Knex} knex
 * @param {boolean} postgres
 */
async function dropRollups(knex, postgres) {
  for (const table of TRIGGER_TABLES) {
    if (postgres) {
      await knex.raw(`DROP TRIGGER IF EXISTS ${table}_dora ON ${table}`);
      await knex.raw(`DROP FUNCTION IF EXISTS ${table}_dora()`);
    } else {
      for (const op of ['insert', 'update', 'delete']) {
        await knex.raw(`DROP TRIGGER IF EXISTS ${table}_dora_${op}`);
      }
    }
  }
  for (const table of [
    'paved_dora_state',
    'paved_dora_dirty',
    'paved_dora_lead_times',
    'paved_dora_deployments',
    'paved_dora_entities',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}

/** @param {import('knex').Knex} knex */
async function createPostgresTriggers(knex) {
  for (const table of TRIGGER_TABLES) {
    /** @param {string} row */
    const mark = row => `
      INSERT INTO paved_dora_dirty (entity_ref, seq)
      SELECT DISTINCT a.entity_ref, 1 FROM (${AFFECTED[table](row)}) a
      WHERE a.entity_ref IS NOT NULL
      ON CONFLICT (entity_ref) DO UPDATE SET seq = paved_dora_dirty.seq + 1;`;
    await knex.raw(`
      CREATE OR REPLACE FUNCTION ${table}_dora() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN ${mark('OLD')} END IF;
        IF TG_OP <> 'DELETE' THEN ${mark('NEW')} END IF;
        RETURN NULL;
      END $$`);
    await knex.raw(`
      CREATE TRIGGER ${table}_dora
      AFTER INSERT OR DELETE OR UPDATE OF ${WATCHED[table].join(', ')}
      ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_dora()`);
  }
}

/** @param {import('knex').Knex} knex */
async function createSqliteTriggers(knex) {
  for (const table of TRIGGER_TABLES) {
    // "WHERE true" keeps SQLite from reading ON CONFLICT as a join clause.
    /** @param {string} row */
    const mark = row => `
      INSERT INTO paved_dora_dirty (entity_ref, seq)
      SELECT DISTINCT a.entity_ref, 1 FROM (${AFFECTED[table](row)}) a
      WHERE a.entity_ref IS NOT NULL
      ON CONFLICT (entity_ref) DO UPDATE SET seq = paved_dora_dirty.seq + 1;`;
    await knex.raw(`
      CREATE TRIGGER ${table}_dora_insert AFTER INSERT ON ${table}
      BEGIN ${mark('NEW')} END`);
    await knex.raw(`
      CREATE TRIGGER ${table}_dora_update
      AFTER UPDATE OF ${WATCHED[table].join(', ')} ON ${table}
      BEGIN ${mark('OLD')} ${mark('NEW')} END`);
    await knex.raw(`
      CREATE TRIGGER ${table}_dora_delete AFTER DELETE ON ${table}
      BEGIN ${mark('OLD')} END`);
  }
}
