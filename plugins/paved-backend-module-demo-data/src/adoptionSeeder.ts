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
import { AdoptionMetrics } from '@paved/plugin-paved-common';
import {
  PavedDemoDataSeeder,
  PavedDemoPageView,
} from '@paved/plugin-paved-node';

/** Weeks of demo history before the first real computation. */
const DEMO_WEEKS = 12;
const DEMO_USERS = 28;
const DEMO_PLUGINS = ['catalog', 'paved', 'scaffolder', 'techdocs'];

/** Demo user refs: clearly not people (and flagged `demo` in the table). */
export const demoUserRef = (i: number) =>
  `user:default/demo-user-${String(i + 1).padStart(2, '0')}`;

/** The UTC day `days` before `time`'s day. */
const daysBefore = (time: Date, days: number) =>
  new Date(time.getTime() - days * 86_400_000).toISOString().slice(0, 10);

const ratio = (count: number, total: number) => ({
  count,
  total,
  share: total ? count / total : null,
});

/** Demo metrics of week `w` (0 = oldest): a platform being adopted. */
function demoMetrics(w: number): AdoptionMetrics {
  const progress = w / (DEMO_WEEKS - 1);
  const wobble = [0, 1, -1, 0, 2, 0, -1, 1, 0, 1, 0, 0][w % 12];
  const total = 36 + Math.round(progress * 14);
  const withScore = Math.round(total * (0.25 + 0.45 * progress)) + wobble;
  const fromGoldenPath = Math.round(total * (0.1 + 0.35 * progress));
  const current = Math.round(fromGoldenPath * (0.6 + 0.25 * progress));
  const deploying = Math.round(total * (0.2 + 0.4 * progress)) + wobble;
  const weekly = 6 + Math.round(progress * 16) + wobble;
  const monthly = 14 + Math.round(progress * 18);
  const runs = 4 + Math.round(progress * 10);
  const succeeded = Math.round(runs * (0.7 + 0.22 * progress));
  return {
    components: total,
    withScore: ratio(withScore, total),
    fromGoldenPath: ratio(fromGoldenPath, total),
    onCurrentVersion: ratio(current, total),
    deployingThroughPaved: ratio(deploying, total),
    funnel: [],
    templateRuns: {
      windowDays: 90,
      status: 'ok',
      runs,
      succeeded,
      failed: runs - succeeded,
      successRate: succeeded / runs,
    },
    activeUsers: {
      enabled: true,
      weekly,
      monthly,
      demoWeekly: weekly,
      demoMonthly: monthly,
    },
    timeToFirstProductionDeployment: {
      medianSeconds: Math.round((9 - 6 * progress) * 86400),
      samples: 2 + w,
    },
    automationScore: Math.round(10 * (34 + 30 * progress)) / 10,
    complexityScore: Math.round(10 * (44 - 8 * progress)) / 10,
  };
}

/**
 * Clearly labelled demo adoption data, so a new portal's Platform page has
 * trends to show: weekly snapshots of the twelve weeks before today (`demo`
 * rows, never replacing a measured day) and page views of demo users
 * (`user:default/demo-user-NN`, flagged `demo`) over the last 30 days.
 *
 * @public
 */
export const demoAdoptionSeeder: PavedDemoDataSeeder = {
  id: 'adoption',
  async seedAdoption({ now, logger, addSnapshots, addPageViews }) {
    await addSnapshots(
      Array.from({ length: DEMO_WEEKS }, (_, w) => ({
        day: daysBefore(now, (DEMO_WEEKS - w) * 7),
        metrics: demoMetrics(w),
      })),
    );

    const views: PavedDemoPageView[] = [];
    for (let d = 0; d < 30; d++) {
      const day = daysBefore(now, d);
      for (let u = 0; u < DEMO_USERS; u++) {
        // Most demo users come most weeks; a few only once a month.
        const active = u < 18 ? (d + u) % 3 !== 0 : (d + u) % 17 === 0;
        if (!active) continue;
        views.push({
          userRef: demoUserRef(u),
          day,
          pluginId: DEMO_PLUGINS[(d + u) % DEMO_PLUGINS.length],
          views: 1 + ((d * 7 + u) % 5),
        });
      }
    }
    await addPageViews(views);
    logger.info('Seeded labelled demo adoption history and page views');
  },
};
