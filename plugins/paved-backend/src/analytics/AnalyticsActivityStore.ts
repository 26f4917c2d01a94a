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

const TABLE = 'paved_analytics_activity';

/** YYYY-MM-DD of a time, in UTC. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** The UTC day `days` before `time`'s day. */
export function daysBefore(time: Date, days: number): string {
  return utcDay(new Date(time.getTime() - days * 86_400_000));
}

/**
 * Page views per signed-in user, day and plugin. Only the user entity ref is
 * kept: no paths, no IP addresses, no user agents.
 */
export class AnalyticsActivityStore {
  constructor(private readonly db: Knex) {}

  /** Adds views; a repeated (user, day, plugin) adds up. */
  async record(
    rows: Array<{
      userRef: string;
      day: string;
      pluginId: string;
      views: number;
      demo?: boolean;
    }>,
  ): Promise<void> {
    if (!rows.length) return;
    await this.db(TABLE)
      .insert(
        rows.map(r => ({
          user_ref: r.userRef,
          day: r.day,
          plugin_id: r.pluginId,
          views: r.views,
          demo: r.demo ?? false,
        })),
      )
      .onConflict(['user_ref', 'day', 'plugin_id'])
      .merge({
        views: this.db.raw(`${TABLE}.views + excluded.views`),
      });
  }

  /** Adds demo rows that are not there yet (seeding twice adds nothing). */
  async insertDemo(
    rows: Array<{
      userRef: string;
      day: string;
      pluginId: string;
      views: number;
    }>,
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 300) {
      await this.db(TABLE)
        .insert(
          rows.slice(i, i + 300).map(r => ({
            user_ref: r.userRef,
            day: r.day,
            plugin_id: r.pluginId,
            views: r.views,
            demo: true,
          })),
        )
        .onConflict(['user_ref', 'day', 'plugin_id'])
        .ignore();
    }
  }

  /**
   * Distinct users with a view in the `days` UTC days ending with `now`'s
   * day, and how many of them are demo users.
   */
  async activeUsers(
    now: Date,
    days: number,
    includeDemo: boolean,
  ): Promise<{ users: number; demoUsers: number }> {
    const since = daysBefore(now, days - 1);
    const query = this.db(TABLE)
      .where('day', '>=', since)
      .where('day', '<=', utcDay(now));
    if (!includeDemo) query.where({ demo: false });
    const rows: Array<{ demo: unknown; users: unknown }> = await query
      .select('demo')
      .countDistinct({ users: 'user_ref' })
      .groupBy('demo');
    let users = 0;
    let demoUsers = 0;
    for (const row of rows) {
      const count = Number(row.users);
      users += count;
      if (row.demo === true || row.demo === 1) demoUsers += count;
    }
    return { users, demoUsers };
  }

  /** Removes days before `beforeDay`. */
  async prune(beforeDay: string): Promise<number> {
    return this.db(TABLE).where('day', '<', beforeDay).delete();
  }
}
