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
  addFlagCounts,
  countsOf,
  DEPLOYMENT_COUNTS_SQL,
  DeploymentCounts,
  noCounts,
} from './counts';
import type { LevelMedians, RawOrganisation } from './DoraQueries';
import { medianInPlace, medianOfChunks } from './exactMedian';
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
 * medians (no sampling).
 *
 * A 28-day window holds a few hundred thousand lead-time samples (millions
 * over a year). Sorting them once per grouping in SQL (components, teams,
 * systems, weeks, the total) cost about half a second. Instead the roll-ups
 * keep each entity's samples packed per deployment
 * (paved_dora_lead_batches), so this reads one row per entity (its samples
 * and, per sample, the week) and finds every median here by selection:
 * linear time, exact, in place where an array belongs to one median only.
 * The other reads are small: how many runs of each kind (flags) per entity
 * and per week, the incidents resolved in the window, and the directory of
 * entities, groups and systems.
 */

/** The code of week 0's character in the lead-time query's `weeks`. */
const WEEK_CHAR = 65;

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
  const postgres = isPostgres(db);
  const range = [window.from, window.to];
  const week = (column: string) => bucketOfSql(db, column, window.buckets);
  // One row per entity: its lead times, and for each of them its week as
  // one character (WEEK_CHAR + week; both aggregates of one pass, so in the
  // same order). PostgreSQL sends the packed float8s as base64 text, which
  // Node decodes natively (bytea's hex text is half as dense).
  const leadsSql = postgres
    ? `encode(string_agg(leads, ''::bytea), 'base64') AS leads,
       string_agg(repeat(chr(${WEEK_CHAR} + wk), samples), '') AS weeks`
    : `group_concat(leads, ',') AS leads,
       group_concat(
         replace(hex(zeroblob(samples)), '00', char(${WEEK_CHAR} + wk)), ''
       ) AS weeks`;

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
      // How many runs of each kind (flags), per entity (wk null) and per
      // week (entity_id null): counting a few distinct small integers is
      // cheaper than summing their bits row by row.
      runAnalytical(
        db,
        `SELECT x.entity_id, CAST(NULL AS INTEGER) AS wk, x.flags, COUNT(*) AS n
         FROM paved_dora_deployments x WHERE ${inWindow('x.finished_at')}
         GROUP BY x.entity_id, x.flags
         UNION ALL
         SELECT CAST(NULL AS INTEGER), wk, flags, COUNT(*) FROM (
           SELECT ${deployedWeek.sql} AS wk, x.flags
           FROM paved_dora_deployments x WHERE ${inWindow('x.finished_at')}
         ) w
         GROUP BY wk, flags`,
        [...range, ...deployedWeek.bindings, ...range],
      ),
      runAnalytical(
        db,
        `SELECT entity_id, ${leadsSql}
         FROM (
           SELECT b.entity_id, ${leadWeek.sql} AS wk, b.samples, b.leads
           FROM paved_dora_lead_batches b WHERE ${inWindow('b.deployed_at')}
         ) l
         GROUP BY entity_id`,
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
  const weekRows: any[] = [];
  for (const row of deployments) {
    if (row.entity_id === null) {
      weekRows.push(row);
      continue;
    }
    const ref = byId.get(toNumber(row.entity_id))?.entity_ref;
    if (!ref || !visible(ref)) continue;
    let counts = perEntity.get(ref);
    if (!counts) {
      counts = noCounts();
      perEntity.set(ref, counts);
    }
    addFlagCounts(counts, toNumber(row.flags), toNumber(row.n));
    addFlagCounts(summary.deployments, toNumber(row.flags), toNumber(row.n));
  }
  if (options.visible) {
    // The weeks of only the visible entities' deployments.
    await visibleWeeks(db, window, [...perEntity.keys()], byRef, summary);
  } else {
    for (const row of weekRows) {
      addFlagCounts(
        summary.deploymentBuckets[toNumber(row.wk)],
        toNumber(row.flags),
        toNumber(row.n),
      );
    }
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
  // Each entity's lead times, then copied into one array per week.
  const entityLeads: Array<{ values: Float64Array; weeks: Uint8Array }> = [];
  for (const row of leads) {
    const ref = byId.get(toNumber(row.entity_id))?.entity_ref;
    if (!ref || !visible(ref)) continue;
    const values = parseLeads(row.leads, postgres);
    samplesOf(ref).leads.push(values);
    // One byte per value (the characters are below 256).
    entityLeads.push({
      values,
      weeks: Buffer.from(String(row.weeks), 'latin1'),
    });
  }
  const leadWeeks = byWeek(entityLeads, window.buckets.length);
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

  // One buffer for every median's copy: the largest is the total's.
  const scratch = new Float64Array(
    leadWeeks.reduce((n, values) => n + values.length, 0),
  );
  const leadTime = {} as LevelMedians;
  const recoveryTime = {} as LevelMedians;
  for (const level of ['entity', 'owner', 'system'] as const) {
    leadTime[level] = new Map();
    recoveryTime[level] = new Map();
    for (const [key, s] of levels[level]) {
      if (s.leads.length === 1) {
        // An entity's own array: selecting reorders it, which no other
        // median minds (they are over the same values, in any order).
        const values = s.leads[0];
        leadTime[level].set(key, {
          median: values.length ? medianInPlace(values) : null,
          samples: values.length,
        });
      } else if (s.leads.length) {
        leadTime[level].set(key, medianOfChunks(s.leads, scratch));
      }
      if (s.recoveries.length) {
        recoveryTime[level].set(key, medianOfChunks([s.recoveries]));
      }
    }
  }
  summary.entityCount = refs.length;
  summary.leadTime = medianOfChunks(leadWeeks, scratch);
  // The weeks' own arrays are not needed afterwards: select in place.
  summary.leadTimeBuckets = leadWeeks.map(w =>
    w.length
      ? { median: medianInPlace(w), samples: w.length }
      : { median: null, samples: 0 },
  );
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

/** The lead times of all entities, one array per week (WEEK_CHAR + week). */
function byWeek(
  entities: Array<{ values: Float64Array; weeks: Uint8Array }>,
  weekCount: number,
): Float64Array[] {
  const counts = new Int32Array(weekCount);
  for (const { weeks } of entities) {
    for (let i = 0; i < weeks.length; i++) counts[weeks[i] - WEEK_CHAR]++;
  }
  const result = Array.from(counts, n => new Float64Array(n));
  const filled = new Int32Array(weekCount);
  for (const { values, weeks } of entities) {
    for (let i = 0; i < values.length; i++) {
      const w = weeks[i] - WEEK_CHAR;
      result[w][filled[w]++] = values[i];
    }
  }
  return result;
}

/**
 * The weekly deployment counts of some entities (the organisation view
 * limited to what a caller may see).
 */
async function visibleWeeks(
  db: Knex,
  window: ResolvedWindow,
  refs: string[],
  byRef: Map<string, EntityRow>,
  summary: RawOrganisation['summary'],
) {
  const ids = refs
    .map(ref => byRef.get(ref)?.id)
    .filter(id => id !== undefined);
  const week = bucketOfSql(db, 'x.finished_at', window.buckets);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await runAnalytical(
      db,
      `SELECT wk, ${DEPLOYMENT_COUNTS_SQL} FROM (
         SELECT ${week.sql} AS wk, x.flags FROM paved_dora_deployments x
         WHERE x.finished_at >= ? AND x.finished_at < ?
           AND x.entity_id IN (${chunk.map(() => '?').join(', ')})
       ) d GROUP BY wk`,
      [...week.bindings, window.from, window.to, ...chunk],
    );
    for (const row of rows) {
      addCounts(summary.deploymentBuckets[toNumber(row.wk)], countsOf(row));
    }
  }
}

/** float8send writes big-endian; Float64Array reads the host's order. */
const BIG_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

/**
 * Lead times as the organisation query sends them: base64 of big-endian
 * float8s (PostgreSQL) or comma-separated text (SQLite).
 */
function parseLeads(packed: string, postgres: boolean): Float64Array {
  if (!postgres) {
    const parts = packed.split(',');
    const values = new Float64Array(parts.length);
    for (let i = 0; i < parts.length; i++) values[i] = +parts[i];
    return values;
  }
  // A Float64Array view needs an offset that is a multiple of 8; Node may
  // decode into a shared pool. Then to this machine's byte order in place.
  let bytes = Buffer.from(packed, 'base64');
  if (bytes.byteOffset % 8) {
    const aligned = Buffer.allocUnsafeSlow(bytes.length);
    bytes.copy(aligned);
    bytes = aligned;
  }
  if (!BIG_ENDIAN_HOST) bytes.swap64();
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
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
