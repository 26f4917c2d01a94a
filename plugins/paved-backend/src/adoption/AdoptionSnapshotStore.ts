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
import { AdoptionMetrics, TemplateUsage } from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { toDate } from '../deployments/time';

const TABLE = 'paved_adoption_snapshots';

/** One stored day of organisation metrics. */
export type AdoptionSnapshot = {
  day: string;
  computedAt: Date;
  durationMs: number | null;
  demo: boolean;
  metrics: AdoptionMetrics;
  templates: TemplateUsage[];
};

/** The organisation's adoption metrics per UTC day. */
export class AdoptionSnapshotStore {
  constructor(private readonly db: Knex) {}

  /** Stores a computation; the day's last one wins (and replaces demo data). */
  async put(snapshot: Omit<AdoptionSnapshot, 'demo'>): Promise<void> {
    await this.db(TABLE)
      .insert({
        day: snapshot.day,
        computed_at: snapshot.computedAt,
        duration_ms: snapshot.durationMs,
        demo: false,
        metrics: JSON.stringify(snapshot.metrics),
        templates: JSON.stringify(snapshot.templates),
      })
      .onConflict('day')
      .merge();
  }

  /** Adds demo days that have no row yet; measured days are never touched. */
  async insertDemo(snapshots: Array<Omit<AdoptionSnapshot, 'demo'>>) {
    if (!snapshots.length) return;
    await this.db(TABLE)
      .insert(
        snapshots.map(s => ({
          day: s.day,
          computed_at: s.computedAt,
          duration_ms: null,
          demo: true,
          metrics: JSON.stringify(s.metrics),
          templates: JSON.stringify(s.templates),
        })),
      )
      .onConflict('day')
      .ignore();
  }

  /** The newest measured computation. */
  async latest(): Promise<AdoptionSnapshot | undefined> {
    const row = await this.db(TABLE)
      .where({ demo: false })
      .orderBy('day', 'desc')
      .first();
    return row ? toSnapshot(row) : undefined;
  }

  /** Days from `sinceDay` on, oldest first; demo days only when asked. */
  async history(
    sinceDay: string,
    includeDemo: boolean,
  ): Promise<AdoptionSnapshot[]> {
    const query = this.db(TABLE).where('day', '>=', sinceDay);
    if (!includeDemo) query.where({ demo: false });
    return (await query.orderBy('day', 'asc').select()).map(toSnapshot);
  }

  async prune(beforeDay: string): Promise<number> {
    return this.db(TABLE).where('day', '<', beforeDay).delete();
  }
}

function toSnapshot(row: any): AdoptionSnapshot {
  return {
    day: row.day,
    computedAt: toDate(row.computed_at),
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    demo: Boolean(row.demo),
    metrics: JSON.parse(row.metrics),
    templates: JSON.parse(row.templates),
  };
}
