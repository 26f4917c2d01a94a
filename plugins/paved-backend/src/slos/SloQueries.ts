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
import { toDate } from '../deployments/time';

/** Finished outcomes; pending, running and cancelled deployments do not count. */
const FINISHED = ['success', 'failure', 'error'];

/**
 * The ledger queries behind the SLOs of one entity. Time filtering that
 * both SQLite and PostgreSQL agree on is done in SQL; the rest in code.
 */
export class SloQueries {
  constructor(private readonly db: Knex) {}

  /**
   * Finished deployments started in `[from, to)`: of one environment, or
   * production deployments when no environment is given.
   */
  async deployments(
    entityRef: string,
    from: Date,
    to: Date,
    environment?: string,
  ): Promise<{ good: number; total: number }> {
    const query = this.db('paved_deployments')
      .where({ entity_ref: entityRef })
      .whereIn('status', FINISHED)
      .where('started_at', '>=', from)
      .where('started_at', '<', to);
    if (environment) {
      query.where({ environment });
    } else {
      query.where({ is_production: true });
    }
    const rows: Array<{ status: string; n: unknown }> = await query
      .select('status')
      .count({ n: '*' })
      .groupBy('status');
    let good = 0;
    let total = 0;
    for (const row of rows) {
      const n = Number(row.n);
      total += n;
      if (row.status === 'success') good += n;
    }
    return { good, total };
  }

  /** Incidents overlapping `[from, to)`, as epoch-ms intervals. */
  async incidents(
    entityRef: string,
    from: Date,
    to: Date,
    severities?: string[],
  ): Promise<Array<{ start: number; end: number | null }>> {
    const query = this.db('paved_incidents')
      .where({ entity_ref: entityRef })
      .where('opened_at', '<', to)
      .where(q => q.whereNull('resolved_at').orWhere('resolved_at', '>', from));
    if (severities?.length) query.whereIn('severity', severities);
    const rows = await query.select('opened_at', 'resolved_at');
    return rows.map(row => ({
      start: toDate(row.opened_at).getTime(),
      end: row.resolved_at === null ? null : toDate(row.resolved_at).getTime(),
    }));
  }

  /**
   * Lead times (seconds) of the commits whose first successful production
   * deployment of the entity finished in `[from, to)`.
   */
  async leadTimes(entityRef: string, from: Date, to: Date): Promise<number[]> {
    const rows = await this.db('paved_deployments as d')
      .join('paved_deployment_changes as dc', 'dc.deployment_id', 'd.id')
      .join('paved_changes as c', 'c.sha', 'dc.sha')
      .where('d.entity_ref', entityRef)
      .where('d.is_production', true)
      .where('d.status', 'success')
      .where('d.started_at', '<', to)
      .select(
        'dc.sha',
        this.db.raw(
          'MIN(COALESCE(c.committed_at, c.authored_at)) AS committed',
        ),
        this.db.raw('MIN(COALESCE(d.finished_at, d.started_at)) AS deployed'),
      )
      .groupBy('dc.sha');
    const leads: number[] = [];
    for (const row of rows) {
      if (row.committed === null || row.deployed === null) continue;
      const deployed = toDate(row.deployed).getTime();
      if (deployed < from.getTime() || deployed >= to.getTime()) continue;
      const seconds = (deployed - toDate(row.committed).getTime()) / 1000;
      if (seconds >= 0) leads.push(seconds);
    }
    return leads;
  }
}
