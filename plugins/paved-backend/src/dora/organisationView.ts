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
import { Knex } from 'knex';
import {
  addCounts,
  countsOf,
  DEPLOYMENT_COUNTS_SQL,
  DeploymentCounts,
  noCounts,
} from './counts';
import type { LevelMedians, RawOrganisation } from './DoraQueries';
import { medianOfChunks } from './exactMedian';
import {
  bucketOfSql,
  isPostgres,
  runAnalytical,
  secondsBetween,
  toNumber,
} from './sql';
import { teamResolver } from './teams';
import { ResolvedWindow } from './windows';

/*
 * The organisation view: every component, team and system with data in the
 * window, and the organisation's totals and weekly trends, with exact
 * medians.
 *
 * A window holds a few hundred thousand lead-time samples (millions over a
 * year). Sorting them once per grouping in SQL (components, teams,
 * systems, weeks, the total) cost most of a second. Instead the roll-ups
 * keep each entity's samples packed per deployment
 * (paved_dora_lead_batches), so this reads one row per entity and week,
 * and finds every median here by selection (linear time, exact). The other
 * reads are small: counts per entity and week, the incidents resolved in
 * the window, and the directory of entities, groups and systems.
 */

type EntityRow = {
  id: number;
  entity_ref: string;
  title: string | null;
  owner_ref: string | null;
  system_ref: string | null;
};

/** Samples of one key of one level. */
type Samples = { leads: Float64Array[]; recoveries: number[] };

/**
 * Reads the window's organisation view. `visible`, when given, limits it to
 * those entities (and the teams and systems to theirs).
 */
export async function organisationView(
  db: Knex,
  window: ResolvedWindow,
  options: { visible?: (entityRef: string) => boolean } = {},
): Promise<RawOrganisation> {
  const empty = emptyOrganisation(window);
  if (!window.buckets.length) return empty;
  const inWindow = (column: string) => `${column} >= ? AND ${column} < ?`;
  const range = [window.from, window.to];
  const week = (column: string) => bucketOfSql(db, column, window.buckets);
  const concat = isPostgres(db)
    ? `string_agg(leads, ''::bytea)`
    : `group_concat(leads, ',')`;

  const deployedWeek = week('x.finished_at');
  const leadWeek = week('b.deployed_at');
  const resolvedWeek = week('x.resolved_at');
  const [directory, groups, systems, deployments, leads, recoveries] =
    await Promise.all([
      db<EntityRow>('paved_dora_entities').select(
        'id',
        'entity_ref',
        'title',
        'owner_ref',
        'system_ref',
      ),
      db('paved_dora_groups').select('group_ref', 'parent_ref'),
      db('paved_dora_systems').select('system_ref', 'owner_ref'),
      runAnalytical(
        db,
        `SELECT entity_id, wk, ${DEPLOYMENT_COUNTS_SQL}
         FROM (
           SELECT x.entity_id, ${deployedWeek.sql} AS wk, x.flags
           FROM paved_dora_deployments x WHERE ${inWindow('x.finished_at')}
         ) d
         GROUP BY entity_id, wk`,
        [...deployedWeek.bindings, ...range],
      ),
      runAnalytical(
        db,
        `SELECT entity_id, wk, ${concat} AS leads
         FROM (
           SELECT b.entity_id, ${leadWeek.sql} AS wk, b.leads
           FROM paved_dora_lead_batches b WHERE ${inWindow('b.deployed_at')}
         ) l
         GROUP BY entity_id, wk`,
        [...leadWeek.bindings, ...range],
      ),
      runAnalytical(
        db,
        `SELECT x.entity_ref, ${resolvedWeek.sql} AS wk,
           ${secondsBetween(db, 'x.resolved_at', 'x.opened_at')} AS v
         FROM paved_incidents x
         WHERE x.status = 'resolved' AND ${inWindow('x.resolved_at')}
           AND x.resolved_at >= x.opened_at AND x.entity_ref IS NOT NULL`,
        [...resolvedWeek.bindings, ...range],
      ),
    ]);

  const byId = new Map<number, EntityRow>();
  const byRef = new Map<string, EntityRow>();
  for (const row of directory) {
    byId.set(toNumber(row.id), row);
    byRef.set(row.entity_ref, row);
  }
  const visible = options.visible ?? (() => true);
  const teamsOf = teamResolver(
    groups.map(g => [g.group_ref, g.parent_ref]),
    systems.map(s => [s.system_ref, s.owner_ref]),
  );

  const summary = empty.summary;
  const perEntity = new Map<string, DeploymentCounts>();
  for (const row of deployments) {
    const ref = byId.get(toNumber(row.entity_id))?.entity_ref;
    if (!ref || !visible(ref)) continue;
    const counts = countsOf(row);
    const wk = toNumber(row.wk);
    addCounts(summary.deployments, counts);
    addCounts(summary.deploymentBuckets[wk], counts);
    perEntity.set(ref, addCounts(perEntity.get(ref) ?? noCounts(), counts));
  }

  const samples = new Map<string, Samples>();
  const samplesOf = (ref: string) => {
    let s = samples.get(ref);
    if (!s) {
      s = { leads: [], recoveries: [] };
      samples.set(ref, s);
    }
    return s;
  };
  const leadWeeks = window.buckets.map(() => [] as Float64Array[]);
  for (const row of leads) {
    const ref = byId.get(toNumber(row.entity_id))?.entity_ref;
    if (!ref || !visible(ref)) continue;
    const values = parseLeads(row.leads);
    samplesOf(ref).leads.push(values);
    leadWeeks[toNumber(row.wk)].push(values);
  }
  const recoveryWeeks = window.buckets.map(() => [] as number[]);
  for (const row of recoveries) {
    if (!visible(row.entity_ref)) continue;
    const v = Number(row.v);
    samplesOf(row.entity_ref).recoveries.push(v);
    recoveryWeeks[toNumber(row.wk)].push(v);
  }

  // Components with a deployment (successful or failed) or a resolved
  // incident in the window; lead-time samples come with a deployment.
  const refs = [...new Set([...perEntity.keys(), ...samples.keys()])].sort();
  const levels = {
    entity: new Map<string | null, Samples>(),
    owner: new Map<string | null, Samples>(),
    system: new Map<string | null, Samples>(),
  };
  const add = (level: keyof typeof levels, key: string | null, s: Samples) => {
    const current = levels[level].get(key);
    if (!current) {
      levels[level].set(key, {
        leads: [...s.leads],
        recoveries: [...s.recoveries],
      });
    } else {
      current.leads.push(...s.leads);
      current.recoveries.push(...s.recoveries);
    }
  };
  const entities: RawOrganisation['entities'] = [];
  for (const ref of refs) {
    const known = byRef.get(ref);
    const owner = known?.owner_ref ?? null;
    const system = known?.system_ref ?? null;
    const teams = teamsOf(owner, system);
    entities.push({ ref, title: known?.title ?? null, owner, system, teams });
    const s = samples.get(ref) ?? { leads: [], recoveries: [] };
    add('entity', ref, s);
    for (const team of teams) add('owner', team, s);
    add('system', system, s);
  }

  const leadTime = {} as LevelMedians;
  const recoveryTime = {} as LevelMedians;
  for (const level of ['entity', 'owner', 'system'] as const) {
    leadTime[level] = new Map();
    recoveryTime[level] = new Map();
    for (const [key, s] of levels[level]) {
      if (s.leads.length) leadTime[level].set(key, medianOfChunks(s.leads));
      if (s.recoveries.length) {
        recoveryTime[level].set(key, medianOfChunks([s.recoveries]));
      }
    }
  }
  summary.entityCount = refs.length;
  summary.leadTime = medianOfChunks(leadWeeks.flat());
  summary.leadTimeBuckets = leadWeeks.map(w => medianOfChunks(w));
  summary.recoveryTime = medianOfChunks(recoveryWeeks);
  summary.recoveryTimeBuckets = recoveryWeeks.map(w => medianOfChunks([w]));
  return {
    summary,
    entities,
    deployments: perEntity,
    leadTime,
    recoveryTime,
  };
}

/** float8send writes big-endian; Float64Array reads the host's order. */
const BIG_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * Lead times as the roll-ups pack them: big-endian float8s (PostgreSQL,
 * a Buffer) or comma-separated text (SQLite).
 */
function parseLeads(packed: Buffer | string): Float64Array {
  if (typeof packed === 'string') {
    const parts = packed.split(',');
    const values = new Float64Array(parts.length);
    for (let i = 0; i < parts.length; i++) values[i] = +parts[i];
    return values;
  }
  // Copied to memory of its own (aligned for a Float64Array view), then
  // turned to this machine's byte order in place.
  const copy = Buffer.allocUnsafeSlow(packed.length);
  packed.copy(copy);
  const values = new Float64Array(
    copy.buffer,
    copy.byteOffset,
    copy.length / 8,
  );
  if (BIG_ENDIAN_HOST) return values;
  copy.swap64();
  return values;
}

function emptyOrganisation(window: ResolvedWindow): RawOrganisation {
  const none = () => ({ median: null, samples: 0 });
  return {
    summary: {
      entityCount: 0,
      deployments: noCounts(),
      deploymentBuckets: window.buckets.map(noCounts),
      leadTime: none(),
      leadTimeBuckets: window.buckets.map(none),
      recoveryTime: none(),
      recoveryTimeBuckets: window.buckets.map(none),
    },
    entities: [],
    deployments: new Map(),
    leadTime: { entity: new Map(), owner: new Map(), system: new Map() },
    recoveryTime: { entity: new Map(), owner: new Map(), system: new Map() },
  };
}
