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
import { PageViewEvent, PageViewsRecorded } from '@paved/plugin-paved-common';
import { AnalyticsActivityStore, utcDay } from './AnalyticsActivityStore';

/** Page views older than this are not accepted (a browser that slept). */
const MAX_AGE_MS = 2 * 86_400_000;
/** Clocks may disagree a little. */
const MAX_SKEW_MS = 5 * 60_000;
const PLUGIN_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/**
 * Records page views for the active-user counts: per user entity ref, UTC
 * day and plugin, nothing else. Switched off (`paved.analytics.enabled:
 * false`) it stores nothing.
 */
export class AnalyticsService {
  constructor(
    private readonly activity: AnalyticsActivityStore,
    private readonly enabled: boolean,
  ) {}

  async record(
    userRef: string,
    events: PageViewEvent[],
    now: Date = new Date(),
  ): Promise<PageViewsRecorded> {
    if (!this.enabled) return { enabled: false, recorded: 0, rejected: [] };
    const rejected: Array<{ index: number; message: string }> = [];
    const counts = new Map<
      string,
      { day: string; pluginId: string; views: number }
    >();
    events.forEach((event, index) => {
      let at = now;
      if (event.at !== undefined) {
        at = new Date(event.at);
        if (Number.isNaN(at.getTime())) {
          rejected.push({
            index,
            message: `events[${index}].at is not an ISO 8601 time: '${event.at}'`,
          });
          return;
        }
        if (
          at.getTime() > now.getTime() + MAX_SKEW_MS ||
          at.getTime() < now.getTime() - MAX_AGE_MS
        ) {
          rejected.push({
            index,
            message: `events[${index}].at must be within the last 2 days, got ${event.at}`,
          });
          return;
        }
      }
      const pluginId = event.pluginId ?? '';
      if (pluginId && !PLUGIN_ID.test(pluginId)) {
        rejected.push({
          index,
          message: `events[${index}].pluginId must be a plugin id (letters, digits, . _ -, at most 64), got '${pluginId.slice(
            0,
            80,
          )}'`,
        });
        return;
      }
      const day = utcDay(at);
      const key = `${day}\n${pluginId}`;
      const entry = counts.get(key) ?? { day, pluginId, views: 0 };
      entry.views++;
      counts.set(key, entry);
    });
    await this.activity.record(
      [...counts.values()].map(c => ({ userRef, ...c })),
    );
    return {
      enabled: true,
      recorded: events.length - rejected.length,
      rejected,
    };
  }
}
