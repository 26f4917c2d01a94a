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
import { noCounts } from '../counts';
import { DeploymentCounts, Median, RawSummary } from '../DoraQueries';
import { sourceRank } from '../runPrecedence';
import { toDate } from '../sql';
import { ResolvedWindow } from '../windows';

/*
 * The naive implementation of the DORA definitions: load the ledger rows
 * and compute everything in JavaScript, straight from docs/dora.md, with no
 * roll-ups and no SQL cleverness. Tests compare the SQL against it on
 * generated data, and the benchmark measures the SQL's speed-up over it.
 * Not used to serve requests.
 */

/** The ledger rows the definitions need. */
export type LedgerRows = {
  deployments: Array<{
    id: string;
    source: string;
    entity_ref: string;
    subject: string | null;
    environment: string;
    is_production: boolean | number;
    status: string;
    started_at: Date;
    finished_at: Date | null;
    pipeline_run: string | null;
    rolled_back: boolean | number;
    kind: string;
    hotfix: boolean | number;
  }>;
  links: Array<{ deployment_id: string; sha: string }>;
  changes: Array<{
    subject: string;
    sha: string;
    entity_ref: string | null;
    committed_at: Date | null;
    authored_at: Date | null;
  }>;
  incidents: Array<{
    id: string;
    entity_ref: string | null;
    status: string;
    opened_at: Date;
    resolved_at: Date | null;
    deployment_id: string | null;
  }>;
};

/**
 * Loads every record of the entities (all of them when `entities` is
 * undefined): "first production deployment" and "latest deployment before
 * the incident" look back in time, and a run's records can straddle any
 * window boundary.
 */
export async function loadLedger(
  db: Knex,
  options: { entities?: string[] } = {},
): Promise<LedgerRows> {
  const scoped = (query: Knex.QueryBuilder, column: string) =>
    options.entities ? query.whereIn(column, options.entities) : query;
  const deployments = await scoped(
    db('paved_deployments')
      .whereNotNull('entity_ref')
      .select(
        'id',
        'source',
        'entity_ref',
        'subject',
        'environment',
        'is_production',
        'status',
        'started_at',
        'finished_at',
        'pipeline_run',
        'rolled_back',
        'kind',
        'hotfix',
      ),
    'entity_ref',
  );
  let links: LedgerRows['links'] = [];
  let changes: LedgerRows['changes'] = [];
  if (!options.entities) {
    links = await db('paved_deployment_changes').select('deployment_id', 'sha');
    changes = await db('paved_changes').select(
      'subject',
      'sha',
      'entity_ref',
      'committed_at',
      'authored_at',
    );
  } else {
    const shas = new Set<string>();
    const ids = deployments.map((d: any) => d.id);
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await db('paved_deployment_changes')
        .whereIn('deployment_id', ids.slice(i, i + 5000))
        .select('deployment_id', 'sha');
      for (const row of rows) {
        links.push(row);
        shas.add(row.sha);
      }
    }
    const shaList = [...shas];
    for (let i = 0; i < shaList.length; i += 5000) {
      const rows = await db('paved_changes')
        .whereIn('sha', shaList.slice(i, i + 5000))
        .select('subject', 'sha', 'entity_ref', 'committed_at', 'authored_at');
      for (const row of rows) changes.push(row);
    }
  }
  const incidents = await scoped(
    db('paved_incidents').select(
      'id',
      'entity_ref',
      'status',
      'opened_at',
      'resolved_at',
      'deployment_id',
    ),
    'entity_ref',
  );
  const date = (v: any) => (v === null || v === undefined ? null : toDate(v));
  return {
    deployments: deployments.map((d: any) => ({
      ...d,
      started_at: toDate(d.started_at),
      finished_at: date(d.finished_at),
    })),
    links,
    changes: changes.map(c => ({
      ...c,
      committed_at: date(c.committed_at),
      authored_at: date(c.authored_at),
    })),
    incidents: incidents.map((i: any) => ({
      ...i,
      opened_at: toDate(i.opened_at),
      resolved_at: date(i.resolved_at),
    })),
  };
}

/** Per-entity facts the definitions produce, before windows. */
export type EntityFacts = {
  /** Collapsed production runs. */
  runs: Array<{
    entity: string;
    finishedAt: number;
    succeeded: boolean;
    failedChange: boolean;
    /** Why it was rework (successful runs only). */
    rework: { incident: boolean; hotfix: boolean; rollback: boolean };
  }>;
  /** Lead-time samples: deploy time and seconds. */
  leads: Array<{ entity: string; deployedAt: number; seconds: number }>;
  /** Recovery samples: resolve time and seconds. */
  recoveries: Array<{ entity: string; resolvedAt: number; seconds: number }>;
};

/** Applies the definitions of docs/dora.md to ledger rows. */
export function computeFacts(
  rows: LedgerRows,
  production: { environments?: string[] },
): EntityFacts {
  const isProduction = (environment: string, flag: boolean | number) => {
    if (!production.environments) return Boolean(flag);
    const env = environment.toLowerCase();
    return production.environments.some(pattern => {
      const regex = new RegExp(
        `^${pattern
          .toLowerCase()
          .split('*')
          .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      );
      return regex.test(env);
    });
  };
  const at = (d: LedgerRows['deployments'][number]) =>
    (d.finished_at ?? d.started_at).getTime();

  // Runs: records of one pipeline run for one environment are one.
  type Run = {
    key: string;
    entity: string;
    environment: string;
    runKey: string;
    successes: number;
    successAt: number;
    lastAt: number;
    rolledBack: boolean;
    incidents: number;
    hotfix: boolean;
    rollback: boolean;
    records: Set<string>;
  };
  const runs = new Map<string, Run>();
  const runOfRecord = new Map<string, Run>();
  const counted = rows.deployments.filter(
    d =>
      isProduction(d.environment, d.is_production) &&
      ['success', 'failure', 'error'].includes(d.status) &&
      // Plan-only and destroy runs are not deployments.
      (d.kind === 'deploy' || d.kind === 'rollback'),
  );
  const runKeyOf = (d: LedgerRows['deployments'][number]) =>
    `${d.entity_ref}\u0000${d.environment}\u0000${
      d.pipeline_run ? `run:${d.pipeline_run}` : `id:${d.id}`
    }`;
  // A run's outcome and finish are its highest-ranked records' (by door).
  const topRank = new Map<string, number>();
  for (const d of counted) {
    const key = runKeyOf(d);
    topRank.set(key, Math.max(topRank.get(key) ?? 0, sourceRank(d.source)));
  }
  for (const d of counted) {
    const runKey = d.pipeline_run ? `run:${d.pipeline_run}` : `id:${d.id}`;
    const key = runKeyOf(d);
    const top = sourceRank(d.source) === topRank.get(key);
    const run = runs.get(key) ?? {
      key,
      entity: d.entity_ref,
      environment: d.environment,
      runKey,
      successes: 0,
      successAt: -Infinity,
      lastAt: -Infinity,
      rolledBack: false,
      incidents: 0,
      hotfix: false,
      rollback: false,
      records: new Set<string>(),
    };
    if (top && d.status === 'success') {
      run.successes++;
      run.successAt = Math.max(run.successAt, at(d));
    }
    if (top) run.lastAt = Math.max(run.lastAt, at(d));
    run.rolledBack = run.rolledBack || Boolean(d.rolled_back);
    run.hotfix = run.hotfix || Boolean(d.hotfix);
    run.rollback = run.rollback || d.kind === 'rollback';
    run.records.add(d.id);
    runs.set(key, run);
    runOfRecord.set(d.id, run);
  }
  const finish = (run: Run) => (run.successes ? run.successAt : run.lastAt);

  // Incidents: the named deployment, else the latest successful production
  // deployment of the entity at or before the opening.
  const successfulByEntity = new Map<string, Run[]>();
  for (const run of runs.values()) {
    if (!run.successes) continue;
    const list = successfulByEntity.get(run.entity) ?? [];
    list.push(run);
    successfulByEntity.set(run.entity, list);
  }
  for (const incident of rows.incidents) {
    let run: Run | undefined;
    if (incident.deployment_id) {
      run = runOfRecord.get(incident.deployment_id);
    } else if (incident.entity_ref) {
      const opened = incident.opened_at.getTime();
      for (const candidate of successfulByEntity.get(incident.entity_ref) ??
        []) {
        if (finish(candidate) > opened) continue;
        if (
          !run ||
          finish(candidate) > finish(run) ||
          (finish(candidate) === finish(run) &&
            `${candidate.environment}\u0000${candidate.runKey}` >
              `${run.environment}\u0000${run.runKey}`)
        ) {
          run = candidate;
        }
      }
    }
    if (run) run.incidents++;
  }

  // Lead time: commit time to the first successful production run
  // containing the commit.
  const commitTimes = new Map<string, Array<LedgerRows['changes'][number]>>();
  for (const c of rows.changes) {
    const list = commitTimes.get(c.sha) ?? [];
    list.push(c);
    commitTimes.set(c.sha, list);
  }
  const recordsById = new Map(rows.deployments.map(d => [d.id, d]));
  const firstDeploy = new Map<
    string,
    { entity: string; deployedAt: number; committedAt: number | undefined }
  >();
  for (const link of rows.links) {
    const record = recordsById.get(link.deployment_id);
    const run = runOfRecord.get(link.deployment_id);
    if (!record || !run || record.status !== 'success' || !run.successes) {
      continue;
    }
    const key = `${record.entity_ref}\u0000${link.sha}`;
    const subject = record.subject ?? `paved.dev/entity=${record.entity_ref}`;
    let committedAt: number | undefined;
    for (const c of commitTimes.get(link.sha) ?? []) {
      if (c.subject !== subject && c.entity_ref !== record.entity_ref) continue;
      const time = (c.committed_at ?? c.authored_at)?.getTime();
      if (
        time !== undefined &&
        (committedAt === undefined || time < committedAt)
      ) {
        committedAt = time;
      }
    }
    const current = firstDeploy.get(key);
    const deployedAt = run.successAt;
    const times = [current?.committedAt, committedAt].filter(
      (t): t is number => t !== undefined,
    );
    firstDeploy.set(key, {
      entity: record.entity_ref,
      deployedAt: current
        ? Math.min(current.deployedAt, deployedAt)
        : deployedAt,
      committedAt: times.length ? Math.min(...times) : undefined,
    });
  }
  const leads: EntityFacts['leads'] = [];
  for (const f of firstDeploy.values()) {
    if (f.committedAt === undefined || f.committedAt >= f.deployedAt) continue;
    leads.push({
      entity: f.entity,
      deployedAt: f.deployedAt,
      seconds: (f.deployedAt - f.committedAt) / 1000,
    });
  }

  const recoveries: EntityFacts['recoveries'] = [];
  for (const i of rows.incidents) {
    if (i.status !== 'resolved' || !i.resolved_at || !i.entity_ref) continue;
    if (i.resolved_at < i.opened_at) continue;
    recoveries.push({
      entity: i.entity_ref,
      resolvedAt: i.resolved_at.getTime(),
      seconds: (i.resolved_at.getTime() - i.opened_at.getTime()) / 1000,
    });
  }

  return {
    runs: [...runs.values()].map(run => {
      const finishedAt = finish(run);
      const succeeded = run.successes > 0;
      // An incident of the entity open when it finished, other than one
      // the run caused itself.
      const incident =
        succeeded &&
        rows.incidents.some(
          i =>
            i.entity_ref === run.entity &&
            i.opened_at.getTime() < finishedAt &&
            (!i.resolved_at || i.resolved_at.getTime() >= finishedAt) &&
            !(i.deployment_id && run.records.has(i.deployment_id)),
        );
      return {
        entity: run.entity,
        finishedAt,
        succeeded,
        failedChange: run.incidents > 0 || run.rolledBack,
        rework: {
          incident,
          hotfix: succeeded && run.hotfix,
          rollback: succeeded && run.rollback,
        },
      };
    }),
    leads,
    recoveries,
  };
}

/** Adds a run to deployment counts. */
function count(c: DeploymentCounts, run: EntityFacts['runs'][number]) {
  if (!run.succeeded) {
    c.failedDeployments++;
    return;
  }
  c.deployments++;
  if (run.failedChange) c.failedChanges++;
  const { incident, hotfix, rollback } = run.rework;
  if (incident || hotfix || rollback) c.reworkDeployments++;
  if (incident) c.incidentFixes++;
  if (hotfix) c.hotfixes++;
  if (rollback) c.rollbacks++;
}

/** Interpolated median, as PERCENTILE_CONT(0.5). */
export function median(values: number[]): Median {
  if (!values.length) return { median: null, samples: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  const lo = sorted[Math.floor(mid)];
  const hi = sorted[Math.ceil(mid)];
  return { median: (lo + hi) / 2, samples: sorted.length };
}

/** The summary of a set of entities over a window, like DoraQueries.summary. */
export function summarise(
  facts: EntityFacts,
  entities: (entity: string) => boolean,
  window: ResolvedWindow,
): RawSummary {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const bucketOf = (t: number) =>
    window.buckets.findIndex(
      b => t >= b.start.getTime() && t < b.end.getTime(),
    );
  const total = noCounts();
  const buckets = window.buckets.map(noCounts);
  const seen = new Set<string>();
  for (const run of facts.runs) {
    if (
      !entities(run.entity) ||
      run.finishedAt < from ||
      run.finishedAt >= to
    ) {
      continue;
    }
    seen.add(run.entity);
    for (const c of [total, buckets[bucketOf(run.finishedAt)]]) {
      count(c, run);
    }
  }
  const samples = (
    list: Array<{ entity: string; at: number; seconds: number }>,
  ) => {
    const all: number[] = [];
    const perBucket = window.buckets.map(() => [] as number[]);
    for (const s of list) {
      if (!entities(s.entity) || s.at < from || s.at >= to) continue;
      all.push(s.seconds);
      perBucket[bucketOf(s.at)].push(s.seconds);
    }
    return { all, perBucket };
  };
  const lead = samples(
    facts.leads.map(l => ({
      entity: l.entity,
      at: l.deployedAt,
      seconds: l.seconds,
    })),
  );
  const recovery = samples(
    facts.recoveries.map(r => ({
      entity: r.entity,
      at: r.resolvedAt,
      seconds: r.seconds,
    })),
  );
  for (const r of facts.recoveries) {
    if (entities(r.entity) && r.resolvedAt >= from && r.resolvedAt < to) {
      seen.add(r.entity);
    }
  }
  return {
    entityCount: seen.size,
    deployments: total,
    deploymentBuckets: buckets,
    leadTime: median(lead.all),
    leadTimeBuckets: lead.perBucket.map(median),
    recoveryTime: median(recovery.all),
    recoveryTimeBuckets: recovery.perBucket.map(median),
  };
}

/**
 * The organisation view the naive way: the window's samples grouped by
 * entity, owner and system in one pass, medians by sorting each group.
 */
export function summariseOrganisation(
  facts: EntityFacts,
  directory: Map<
    string,
    {
      owner: string | null;
      system: string | null;
      /** Teams counting it, when not just its owner (teams.ts). */
      teams?: Array<string | null>;
    }
  >,
  window: ResolvedWindow,
): {
  summary: RawSummary;
  deployments: Map<string, DeploymentCounts>;
  leadTime: Record<'entity' | 'owner' | 'system', Map<string | null, Median>>;
  recoveryTime: Record<
    'entity' | 'owner' | 'system',
    Map<string | null, Median>
  >;
} {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const deployments = new Map<string, DeploymentCounts>();
  for (const run of facts.runs) {
    if (run.finishedAt < from || run.finishedAt >= to) continue;
    const c = deployments.get(run.entity) ?? noCounts();
    count(c, run);
    deployments.set(run.entity, c);
  }
  const levels = (
    samples: Array<{ entity: string; at: number; seconds: number }>,
  ) => {
    const groups = {
      entity: new Map<string | null, number[]>(),
      owner: new Map<string | null, number[]>(),
      system: new Map<string | null, number[]>(),
    };
    for (const s of samples) {
      if (s.at < from || s.at >= to) continue;
      const info = directory.get(s.entity);
      for (const [level, keys] of [
        ['entity', [s.entity]],
        ['owner', info?.teams ?? [info?.owner ?? null]],
        ['system', [info?.system ?? null]],
      ] as const) {
        for (const key of keys) {
          const list = groups[level].get(key) ?? [];
          list.push(s.seconds);
          groups[level].set(key, list);
        }
      }
    }
    const medians = (m: Map<string | null, number[]>) =>
      new Map([...m].map(([k, v]) => [k, median(v)]));
    return {
      entity: medians(groups.entity),
      owner: medians(groups.owner),
      system: medians(groups.system),
    };
  };
  return {
    summary: summarise(facts, () => true, window),
    deployments,
    leadTime: levels(
      facts.leads.map(l => ({
        entity: l.entity,
        at: l.deployedAt,
        seconds: l.seconds,
      })),
    ),
    recoveryTime: levels(
      facts.recoveries.map(r => ({
        entity: r.entity,
        at: r.resolvedAt,
        seconds: r.seconds,
      })),
    ),
  };
}
