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
  DORA_ALL_METRIC_KEYS,
  DORA_BANDS,
  DORA_METRIC_KEYS,
  DoraBand,
  DoraBandDistribution,
  DoraBandThresholds,
  DoraMetrics,
  DoraOrganisationRow,
  DoraRowMetric,
  DoraTrendPoint,
} from '@paved/plugin-paved-common';
import { addCounts, noCounts } from './counts';
import {
  DeploymentCounts,
  Median,
  RawOrganisation,
  RawSummary,
} from './DoraQueries';
import { ResolvedWindow } from './windows';

/** Why a metric has no value. */
export const NOT_AVAILABLE = {
  noDeployments: 'no production deployments in window',
  onlyFailedDeployments: 'no successful production deployments in window',
  noCommitTimes:
    'no commits with a commit time were shipped by a first production deployment in window',
  noResolvedIncidents: 'no incidents resolved in window',
} as const;

const DAY_MS = 24 * 3600 * 1000;

/** Bands of a metric where a smaller number is better ("strictly below"). */
function bandBelow(
  value: number,
  t: { elite: number; high: number; medium: number },
): DoraBand {
  if (value < t.elite) return 'elite';
  if (value < t.high) return 'high';
  if (value < t.medium) return 'medium';
  return 'low';
}

/** Deployment frequency: the average interval is at most the threshold. */
export function frequencyBand(
  deployments: number,
  days: number,
  thresholds: DoraBandThresholds,
): DoraBand {
  const t = thresholds.deploymentFrequency;
  const interval = (days * 86400) / deployments;
  if (interval <= t.elite) return 'elite';
  if (interval <= t.high) return 'high';
  if (interval <= t.medium) return 'medium';
  return 'low';
}

/** Change failure rate: at most the threshold. */
export function failureRateBand(
  rate: number,
  thresholds: DoraBandThresholds,
): DoraBand {
  const t = thresholds.changeFailureRate;
  if (rate <= t.elite) return 'elite';
  if (rate <= t.high) return 'high';
  if (rate <= t.medium) return 'medium';
  return 'low';
}

/** The row metrics from counts and medians (no trends). */
export function rowMetrics(
  counts: DeploymentCounts,
  lead: Median,
  recovery: Median,
  days: number,
  thresholds: DoraBandThresholds,
): Record<(typeof DORA_ALL_METRIC_KEYS)[number], DoraRowMetric> {
  const none = (reason: string, unit: DoraRowMetric['unit'], samples = 0) => ({
    value: null,
    unit,
    sampleCount: samples,
    band: null,
    notAvailableReason: reason,
  });
  const noDeploymentsReason = counts.failedDeployments
    ? NOT_AVAILABLE.onlyFailedDeployments
    : NOT_AVAILABLE.noDeployments;
  return {
    deploymentFrequency: counts.deployments
      ? {
          value: counts.deployments / days,
          unit: 'deployments/day',
          sampleCount: counts.deployments,
          band: frequencyBand(counts.deployments, days, thresholds),
        }
      : none(noDeploymentsReason, 'deployments/day'),
    leadTime:
      lead.samples && lead.median !== null
        ? {
            value: lead.median,
            unit: 'seconds',
            sampleCount: lead.samples,
            band: bandBelow(lead.median, thresholds.leadTime),
          }
        : none(
            counts.deployments
              ? NOT_AVAILABLE.noCommitTimes
              : noDeploymentsReason,
            'seconds',
          ),
    changeFailureRate: counts.deployments
      ? {
          value: counts.failedChanges / counts.deployments,
          unit: 'ratio',
          sampleCount: counts.deployments,
          band: failureRateBand(
            counts.failedChanges / counts.deployments,
            thresholds,
          ),
        }
      : none(noDeploymentsReason, 'ratio'),
    recoveryTime:
      recovery.samples && recovery.median !== null
        ? {
            value: recovery.median,
            unit: 'seconds',
            sampleCount: recovery.samples,
            band: bandBelow(recovery.median, thresholds.recoveryTime),
          }
        : none(NOT_AVAILABLE.noResolvedIncidents, 'seconds'),
    // DORA publishes no bands for rework rate: band is always null.
    reworkRate: counts.deployments
      ? {
          value: counts.reworkDeployments / counts.deployments,
          unit: 'ratio',
          sampleCount: counts.deployments,
          band: null,
        }
      : none(noDeploymentsReason, 'ratio'),
  };
}

/** The metrics of a report, with weekly trends. */
export function buildMetrics(
  raw: RawSummary,
  window: ResolvedWindow,
  thresholds: DoraBandThresholds,
): DoraMetrics {
  const row = rowMetrics(
    raw.deployments,
    raw.leadTime,
    raw.recoveryTime,
    window.days,
    thresholds,
  );
  const point = (
    i: number,
    value: number | null,
    sampleCount: number,
  ): DoraTrendPoint => ({
    start: window.buckets[i].start.toISOString(),
    end: window.buckets[i].end.toISOString(),
    value: sampleCount ? value : null,
    sampleCount,
  });
  const bucketDays = (i: number) =>
    (window.buckets[i].end.getTime() - window.buckets[i].start.getTime()) /
    DAY_MS;
  return {
    deploymentFrequency: {
      ...row.deploymentFrequency,
      perWeek:
        row.deploymentFrequency.value === null
          ? null
          : row.deploymentFrequency.value * 7,
      failedDeployments: raw.deployments.failedDeployments,
      trend: raw.deploymentBuckets.map((c, i) =>
        point(i, c.deployments / bucketDays(i), c.deployments),
      ),
    },
    leadTime: {
      ...row.leadTime,
      trend: raw.leadTimeBuckets.map((m, i) => point(i, m.median, m.samples)),
    },
    changeFailureRate: {
      ...row.changeFailureRate,
      failedChanges: raw.deployments.failedChanges,
      trend: raw.deploymentBuckets.map((c, i) =>
        point(
          i,
          c.deployments ? c.failedChanges / c.deployments : null,
          c.deployments,
        ),
      ),
    },
    recoveryTime: {
      ...row.recoveryTime,
      trend: raw.recoveryTimeBuckets.map((m, i) =>
        point(i, m.median, m.samples),
      ),
    },
    reworkRate: {
      ...row.reworkRate,
      reworkDeployments: raw.deployments.reworkDeployments,
      incidentFixes: raw.deployments.incidentFixes,
      hotfixes: raw.deployments.hotfixes,
      rollbacks: raw.deployments.rollbacks,
      trend: raw.deploymentBuckets.map((c, i) =>
        point(
          i,
          c.deployments ? c.reworkDeployments / c.deployments : null,
          c.deployments,
        ),
      ),
    },
  };
}

/**
 * Rows of the organisation table: teams (each with its child groups and
 * the systems it owns), systems, then components.
 */
export function buildOrganisationRows(
  raw: RawOrganisation,
  window: ResolvedWindow,
  thresholds: DoraBandThresholds,
): DoraOrganisationRow[] {
  const zero = noCounts();
  const noMedian = { median: null, samples: 0 };
  const groups = new Map<
    string | null,
    { counts: DeploymentCounts; n: number }
  >();
  const systems = new Map<
    string | null,
    { counts: DeploymentCounts; n: number }
  >();
  const entityRows: DoraOrganisationRow[] = [];
  for (const entity of raw.entities) {
    const counts = raw.deployments.get(entity.ref);
    for (const [map, keys] of [
      [groups, entity.teams],
      [systems, [entity.system]],
    ] as const) {
      for (const key of keys) {
        const current = map.get(key) ?? { counts: noCounts(), n: 0 };
        addCounts(current.counts, counts);
        map.set(key, { counts: current.counts, n: current.n + 1 });
      }
    }
    entityRows.push({
      type: 'entity',
      ref: entity.ref,
      title: entity.title ?? undefined,
      owner: entity.owner ?? undefined,
      system: entity.system ?? undefined,
      entityCount: 1,
      metrics: rowMetrics(
        counts ?? zero,
        raw.leadTime.entity.get(entity.ref) ?? noMedian,
        raw.recoveryTime.entity.get(entity.ref) ?? noMedian,
        window.days,
        thresholds,
      ),
    });
  }
  const aggregateRows = (
    type: 'group' | 'system',
    map: Map<string | null, { counts: DeploymentCounts; n: number }>,
    level: 'owner' | 'system',
  ): DoraOrganisationRow[] =>
    [...map.entries()]
      .sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff'))
      .map(([ref, { counts, n }]) => ({
        type,
        ref,
        entityCount: n,
        metrics: rowMetrics(
          counts,
          raw.leadTime[level].get(ref) ?? noMedian,
          raw.recoveryTime[level].get(ref) ?? noMedian,
          window.days,
          thresholds,
        ),
      }));
  return [
    ...aggregateRows('group', groups, 'owner'),
    ...aggregateRows('system', systems, 'system'),
    ...entityRows,
  ];
}

/** How many rows of each type are in each band, per metric. */
export function bandDistribution(
  rows: DoraOrganisationRow[],
): Record<'group' | 'system' | 'entity', DoraBandDistribution> {
  const empty = (): DoraBandDistribution =>
    Object.fromEntries(
      DORA_METRIC_KEYS.map(key => [
        key,
        { elite: 0, high: 0, medium: 0, low: 0, notAvailable: 0 },
      ]),
    ) as DoraBandDistribution;
  const result = { group: empty(), system: empty(), entity: empty() };
  for (const row of rows) {
    for (const key of DORA_METRIC_KEYS) {
      const band = row.metrics[key].band;
      result[row.type][key][
        band && DORA_BANDS.includes(band) ? band : 'notAvailable'
      ]++;
    }
  }
  return result;
}
