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
import {
  DoraMetric,
  DoraOrganisationReport,
  DoraReport,
  DoraRowMetric,
} from '@paved/plugin-paved-common';

/*
 * Reports in the shape the Paved backend answers (typed by the shared
 * types the backend's OpenAPI routes are checked against). flakyReport has
 * the deployments, failures and recovery times of the "flaky" fixture of
 * the backend's dora.fixtures.test.ts; the organisation rows are a small
 * consistent example.
 */

const weeks = [
  ['2026-09-01T00:00:00.000Z', '2026-09-07T00:00:00.000Z'],
  ['2026-09-07T00:00:00.000Z', '2026-09-14T00:00:00.000Z'],
  ['2026-09-14T00:00:00.000Z', '2026-09-21T00:00:00.000Z'],
  ['2026-09-21T00:00:00.000Z', '2026-09-28T00:00:00.000Z'],
  ['2026-09-28T00:00:00.000Z', '2026-09-29T00:00:00.000Z'],
];

const trend = (values: Array<[number | null, number]>) =>
  values.map(([value, sampleCount], i) => ({
    start: weeks[i][0],
    end: weeks[i][1],
    value,
    sampleCount,
  }));

const window = {
  from: '2026-09-01T00:00:00.000Z',
  to: '2026-09-29T00:00:00.000Z',
  days: 28,
  timeZone: 'UTC',
};

const none = (
  unit: DoraMetric['unit'],
  reason: string,
): DoraMetric & { trend: NonNullable<DoraMetric['trend']> } => ({
  value: null,
  unit,
  sampleCount: 0,
  band: null,
  notAvailableReason: reason,
  trend: trend(weeks.map(() => [null, 0])),
});

/** component:default/flaky: four deployments, two failed changes. */
export const flakyReport: DoraReport = {
  scope: { type: 'entity', ref: 'component:default/flaky' },
  window,
  entityCount: 1,
  pendingEntities: 0,
  // One deployment's commit range could not be resolved.
  commitCoverage: { deployments: 4, complete: 3, ratio: 0.75 },
  metrics: {
    deploymentFrequency: {
      value: 4 / 28,
      unit: 'deployments/day',
      sampleCount: 4,
      band: 'high',
      perWeek: 1,
      failedDeployments: 0,
      trend: trend([
        [1 / 6, 1],
        [1 / 7, 1],
        [1 / 7, 1],
        [1 / 7, 1],
        [null, 0],
      ]),
    },
    leadTime: {
      value: 46800,
      unit: 'seconds',
      sampleCount: 4,
      band: 'elite',
      trend: trend([
        [null, 0],
        [46800, 4],
        [null, 0],
        [null, 0],
        [null, 0],
      ]),
    },
    changeFailureRate: {
      value: 0.5,
      unit: 'ratio',
      sampleCount: 4,
      band: 'low',
      failedChanges: 2,
      trend: trend([
        [0, 1],
        [1, 1],
        [1, 1],
        [0, 1],
        [null, 0],
      ]),
    },
    recoveryTime: {
      value: 10800,
      unit: 'seconds',
      sampleCount: 2,
      band: 'high',
      trend: trend([
        [null, 0],
        [10800, 2],
        [null, 0],
        [null, 0],
        [null, 0],
      ]),
    },
    // No deployment finished while an incident was open (Sep 11 and 12).
    reworkRate: {
      value: 0,
      unit: 'ratio',
      sampleCount: 4,
      band: null,
      reworkDeployments: 0,
      incidentFixes: 0,
      hotfixes: 0,
      rollbacks: 0,
      trend: trend([
        [0, 1],
        [0, 1],
        [0, 1],
        [0, 1],
        [null, 0],
      ]),
    },
  },
};

/**
 * component:default/hotfixed: four deployments, one a hotfix shipped while
 * an incident was open and one a rollback.
 */
export const reworkReport: DoraReport = {
  ...flakyReport,
  scope: { type: 'entity', ref: 'component:default/hotfixed' },
  metrics: {
    ...flakyReport.metrics,
    reworkRate: {
      value: 0.5,
      unit: 'ratio',
      sampleCount: 4,
      band: null,
      reworkDeployments: 2,
      incidentFixes: 1,
      hotfixes: 1,
      rollbacks: 1,
      trend: trend([
        [0, 1],
        [1, 1],
        [1, 1],
        [0, 1],
        [null, 0],
      ]),
    },
  },
};

/** A component with nothing recorded in the window. */
export const emptyReport: DoraReport = {
  scope: { type: 'entity', ref: 'component:default/quiet' },
  window,
  entityCount: 0,
  pendingEntities: 0,
  commitCoverage: { deployments: 0, complete: 0, ratio: null },
  metrics: {
    deploymentFrequency: {
      ...none('deployments/day', 'no production deployments in window'),
      perWeek: null,
      failedDeployments: 0,
    },
    leadTime: none('seconds', 'no production deployments in window'),
    changeFailureRate: {
      ...none('ratio', 'no production deployments in window'),
      failedChanges: 0,
    },
    recoveryTime: none('seconds', 'no incidents resolved in window'),
    reworkRate: {
      ...none('ratio', 'no production deployments in window'),
      reworkDeployments: 0,
      incidentFixes: 0,
      hotfixes: 0,
      rollbacks: 0,
    },
  },
};

const row = (
  deploymentFrequency: DoraRowMetric,
  leadTime: DoraRowMetric,
  changeFailureRate: DoraRowMetric,
  recoveryTime: DoraRowMetric,
  reworkRate: DoraRowMetric,
) => ({
  deploymentFrequency,
  leadTime,
  changeFailureRate,
  recoveryTime,
  reworkRate,
});

const freq = (n: number, band: DoraRowMetric['band']): DoraRowMetric => ({
  value: n / 28,
  unit: 'deployments/day',
  sampleCount: n,
  band,
});
const secs = (v: number, n: number, band: DoraRowMetric['band']) => ({
  value: v,
  unit: 'seconds' as const,
  sampleCount: n,
  band,
});
const rate = (v: number, n: number, band: DoraRowMetric['band']) => ({
  value: v,
  unit: 'ratio' as const,
  sampleCount: n,
  band,
});
const na = (unit: DoraRowMetric['unit'], reason: string): DoraRowMetric => ({
  value: null,
  unit,
  sampleCount: 0,
  band: null,
  notAvailableReason: reason,
});

/** Two teams, one system and three components. */
export const organisationReport: DoraOrganisationReport = {
  window,
  pendingEntities: 0,
  organisation: { ...flakyReport, scope: { type: 'organisation' }, entityCount: 3 },
  rows: [
    {
      type: 'group',
      ref: 'group:default/team-calm',
      entityCount: 2,
      metrics: row(
        freq(8, 'high'),
        na('seconds', 'no commits with a commit time were shipped by a first production deployment in window'),
        rate(0.25, 8, 'low'),
        secs(10800, 2, 'high'),
        rate(0.125, 8, null),
      ),
    },
    {
      type: 'group',
      ref: 'group:default/team-fixtures',
      entityCount: 1,
      metrics: row(
        freq(2, 'medium'),
        secs(3600, 1, 'elite'),
        rate(0, 2, 'elite'),
        na('seconds', 'no incidents resolved in window'),
        rate(0, 2, null),
      ),
    },
    {
      type: 'system',
      ref: null,
      entityCount: 3,
      metrics: row(
        freq(10, 'high'),
        secs(3600, 1, 'elite'),
        rate(0.2, 10, 'low'),
        secs(10800, 2, 'high'),
        rate(0.1, 10, null),
      ),
    },
    {
      type: 'entity',
      ref: 'component:default/calm',
      title: 'calm',
      owner: 'group:default/team-calm',
      entityCount: 1,
      metrics: row(
        freq(4, 'high'),
        na('seconds', 'no commits with a commit time were shipped by a first production deployment in window'),
        rate(0, 4, 'elite'),
        na('seconds', 'no incidents resolved in window'),
        rate(0, 4, null),
      ),
    },
    {
      type: 'entity',
      ref: 'component:default/flaky',
      title: 'flaky',
      owner: 'group:default/team-calm',
      entityCount: 1,
      metrics: row(
        freq(4, 'high'),
        na('seconds', 'no commits with a commit time were shipped by a first production deployment in window'),
        rate(0.5, 4, 'low'),
        secs(10800, 2, 'high'),
        rate(0.25, 4, null),
      ),
    },
    {
      type: 'entity',
      ref: 'component:default/dup',
      title: 'dup',
      owner: 'group:default/team-fixtures',
      entityCount: 1,
      metrics: row(
        freq(2, 'medium'),
        secs(3600, 1, 'elite'),
        rate(0, 2, 'elite'),
        na('seconds', 'no incidents resolved in window'),
        rate(0, 2, null),
      ),
    },
  ],
  distribution: {
    group: {
      deploymentFrequency: { elite: 0, high: 1, medium: 1, low: 0, notAvailable: 0 },
      leadTime: { elite: 1, high: 0, medium: 0, low: 0, notAvailable: 1 },
      changeFailureRate: { elite: 1, high: 0, medium: 0, low: 1, notAvailable: 0 },
      recoveryTime: { elite: 0, high: 1, medium: 0, low: 0, notAvailable: 1 },
    },
    system: {
      deploymentFrequency: { elite: 0, high: 1, medium: 0, low: 0, notAvailable: 0 },
      leadTime: { elite: 1, high: 0, medium: 0, low: 0, notAvailable: 0 },
      changeFailureRate: { elite: 0, high: 0, medium: 0, low: 1, notAvailable: 0 },
      recoveryTime: { elite: 0, high: 1, medium: 0, low: 0, notAvailable: 0 },
    },
    entity: {
      deploymentFrequency: { elite: 0, high: 2, medium: 1, low: 0, notAvailable: 0 },
      leadTime: { elite: 1, high: 0, medium: 0, low: 0, notAvailable: 2 },
      changeFailureRate: { elite: 2, high: 0, medium: 0, low: 1, notAvailable: 0 },
      recoveryTime: { elite: 0, high: 1, medium: 0, low: 0, notAvailable: 2 },
    },
  },
};

/** An organisation with no data yet. */
export const emptyOrganisationReport: DoraOrganisationReport = {
  window,
  pendingEntities: 0,
  organisation: { ...emptyReport, scope: { type: 'organisation' } },
  rows: [],
  distribution: {
    group: organisationReport.distribution.group,
    system: organisationReport.distribution.system,
    entity: organisationReport.distribution.entity,
  },
};
