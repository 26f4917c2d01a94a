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

/*
 * The benchmark's data set, generated inside PostgreSQL with
 * generate_series (see dora.ts for how to run it).
 *
 * Per entity (2,000 by default): 100 release cycles of 5 ledger records
 * (500 deployments), 15 commits per cycle (1,500), 10 incidents. Entity e's
 * cycles are spread over its last 100-730 days before END, so deployment
 * rates range from Elite to High and windows hold different amounts:
 *
 *   slot 0  staging, success, pipeline run stg-e-c; ships commits 0-9
 *   slot 1  production, run run-e-c; 5 % of these records fail; ships 0-9
 *   slot 2  production, the same run again (a duplicate record), success,
 *           finishing 2 minutes later: collapses with slot 1
 *   slot 3  production, no run id, success, half a cycle later; ships
 *           commits 10-14; 3 % rolled back, 2 % marked hotfix
 *   slot 4  a failed deployment, to production in half of the cycles;
 *           10 % of them plan-only runs (stored, never counted)
 *
 * Commit 0 of each cycle ships again with the next cycle (only the first
 * production deployment counts); 0.5 % of commits are dated after their
 * deployment (dropped samples). Half the incidents name the slot-1
 * deployment of their cycle, the others are attributed by time; 5 % are
 * still open.
 */

import { Knex } from 'knex';

/** End of the seeded history; windows of the benchmark end here. */
export const END = new Date('2026-11-01T00:00:00Z');

export type SeedSize = { entities: number };

/** A deterministic pseudo-random number in [0, 1) from two integers. */
const h = (a: string, b: number) =>
  `(((${a})::bigint * 2654435761 + ${b}::bigint * 40503 + 7) % 1000003) / 1000003.0`;

/** Seeds the ledger tables; triggers are off, so the roll-ups need a rebuild. */
export async function seed(db: Knex, size: SeedSize): Promise<void> {
  const E = size.entities;
  const end = END.toISOString();
  await db.transaction(async tx => {
    // Skips the ledger triggers (and foreign-key checks) while bulk
    // loading; the benchmark rebuilds the roll-ups afterwards.
    await tx.raw('SET LOCAL session_replication_role = replica');
    const cycles = `
      SELECT e, c,
        'component:default/svc-' || lpad(e::text, 4, '0') AS ref,
        (100 + (e * 7919) % 631) AS span_days,
        timestamptz '${end}'
          - interval '1 day' * (100 + (e * 7919) % 631)
          + interval '1 day' * (100 + (e * 7919) % 631) * c / 100.0
          + interval '1 minute' * ((e * 37 + c * 11) % 600) AS t
      FROM generate_series(0, ${E - 1}) e
      CROSS JOIN generate_series(0, 99) c`;

    await tx.raw(`
      INSERT INTO paved_deployments (id, source, external_id, entity_ref,
        environment, is_production, version, status, started_at, finished_at,
        source_updated_at, created_at, updated_at, pipeline_run, rolled_back,
        hotfix, kind)
      SELECT 'd-' || e || '-' || (c * 5 + slot), 'bench', e || '-' || (c * 5 + slot), ref,
        env, env = 'production', 'v1.' || c, status, started, finished,
        finished, finished, finished, run, rolled_back, hotfix, kind
      FROM (
        SELECT cy.e, cy.c, cy.ref, s.slot,
          CASE WHEN s.slot = 0 OR (s.slot = 4 AND (cy.e + cy.c) % 2 = 0)
               THEN 'staging' ELSE 'production' END AS env,
          CASE WHEN s.slot = 4 THEN 'failure'
               WHEN s.slot = 1 AND ${h(
                 'cy.e * 100 + cy.c',
                 1,
               )} < 0.05 THEN 'failure'
               ELSE 'success' END AS status,
          cy.t + CASE s.slot
            WHEN 0 THEN interval '1 hour'
            WHEN 1 THEN interval '3 hours'
            WHEN 2 THEN interval '3 hours'
            WHEN 3 THEN interval '1 day' * cy.span_days / 200.0
            ELSE interval '2 hours' END AS started,
          cy.t + CASE s.slot
            WHEN 0 THEN interval '1 hour 8 minutes'
            WHEN 1 THEN interval '3 hours 10 minutes'
            WHEN 2 THEN interval '3 hours 12 minutes'
            WHEN 3 THEN interval '1 day' * cy.span_days / 200.0 + interval '9 minutes'
            ELSE interval '2 hours 5 minutes' END AS finished,
          CASE WHEN s.slot IN (1, 2) THEN 'run-' || cy.e || '-' || cy.c
               WHEN s.slot = 0 THEN 'stg-' || cy.e || '-' || cy.c END AS run,
          s.slot = 3 AND ${h('cy.e * 100 + cy.c', 2)} < 0.03 AS rolled_back,
          s.slot = 3 AND ${h('cy.e * 100 + cy.c', 8)} < 0.02 AS hotfix,
          CASE WHEN s.slot = 4 AND ${h('cy.e * 100 + cy.c', 9)} < 0.1
               THEN 'plan' ELSE 'deploy' END AS kind
        FROM (${cycles}) cy CROSS JOIN generate_series(0, 4) AS s(slot)
      ) g`);

    // Commits: j = c * 15 + idx; idx 0-9 ship in slot 1, 10-14 in slot 3.
    const commits = `
      SELECT cy.e, cy.c, cy.ref, i.idx, md5(cy.e || ':' || (cy.c * 15 + i.idx)) AS sha,
        CASE WHEN i.idx < 10
          THEN cy.t + interval '3 hours 12 minutes'
          ELSE cy.t + interval '1 day' * cy.span_days / 200.0 + interval '9 minutes'
        END
        - CASE WHEN ${h('(cy.e * 100 + cy.c) * 15 + i.idx', 3)} < 0.005
            THEN interval '-10 minutes'
            ELSE interval '5 minutes'
              + interval '1 day' * 25 * power(${h(
                '(cy.e * 100 + cy.c) * 15 + i.idx',
                4,
              )}, 3)
          END AS committed
      FROM (${cycles}) cy CROSS JOIN generate_series(0, 14) AS i(idx)`;
    await tx.raw(`
      INSERT INTO paved_changes (subject, sha, entity_ref, source, author,
        authored_at, committed_at, message, created_at)
      SELECT 'paved.dev/entity=' || ref, sha, ref, 'bench', 'dev' || (idx % 7),
        committed, committed, 'Change ' || idx, committed
      FROM (${commits}) x`);
    await tx.raw(`
      INSERT INTO paved_deployment_changes (deployment_id, sha)
      SELECT 'd-' || e || '-' || (c * 5 + slot), sha FROM (
        SELECT x.e, x.c, x.sha, 0 AS slot FROM (${commits}) x WHERE x.idx < 10
        UNION ALL
        SELECT x.e, x.c, x.sha, 1 FROM (${commits}) x WHERE x.idx < 10
        UNION ALL
        SELECT x.e, x.c, x.sha, 3 FROM (${commits}) x WHERE x.idx >= 10
        UNION ALL
        SELECT x.e, x.c + 1, x.sha, 1 FROM (${commits}) x WHERE x.idx = 0 AND x.c < 99
      ) links`);

    await tx.raw(`
      INSERT INTO paved_incidents (id, source, external_id, entity_ref, title,
        severity, status, opened_at, resolved_at, deployment_id,
        source_updated_at, created_at, updated_at)
      SELECT 'i-' || e || '-' || q, 'bench', e || '-' || q, ref, 'Checkout errors',
        'SEV2', CASE WHEN open THEN 'open' ELSE 'resolved' END, opened,
        CASE WHEN open THEN NULL ELSE opened + recovery END,
        CASE WHEN q % 2 = 0 THEN 'd-' || e || '-' || (c * 5 + 1) END,
        opened, opened, opened
      FROM (
        SELECT cy.e, cy.c, cy.ref, q.q,
          cy.t + interval '3 hours 12 minutes'
            + interval '1 hour' * (1 + 30 * ${h(
              'cy.e * 10 + q.q',
              5,
            )}) AS opened,
          interval '10 minutes'
            + interval '1 day' * 3 * power(${h(
              'cy.e * 10 + q.q',
              6,
            )}, 2) AS recovery,
          ${h('cy.e * 10 + q.q', 7)} < 0.05 AS open
        FROM (${cycles}) cy
        JOIN generate_series(0, 9) AS q(q) ON cy.c = q.q * 10 + cy.e % 10
      ) x`);

    await tx.raw(`
      INSERT INTO paved_dora_entities (entity_ref, title, owner_ref, system_ref,
        in_catalog, synced_at)
      SELECT 'component:default/svc-' || lpad(e::text, 4, '0'), 'svc-' || lpad(e::text, 4, '0'),
        'group:default/team-' || lpad((e % 100)::text, 3, '0'),
        'system:default/sys-' || lpad((e % 300)::text, 3, '0'), true, now()
      FROM generate_series(0, ${E - 1}) e`);
    await tx.raw(`
      INSERT INTO paved_dora_dirty (entity_ref, seq)
      SELECT 'component:default/svc-' || lpad(e::text, 4, '0'), 1
      FROM generate_series(0, ${E - 1}) e`);
    // (The roll-up rebuild fills paved_dora_deployments/_lead_times.)
  });
  for (const table of [
    'paved_deployments',
    'paved_changes',
    'paved_deployment_changes',
    'paved_incidents',
    'paved_dora_entities',
  ]) {
    await db.raw(`VACUUM ANALYZE ${table}`);
  }
}
