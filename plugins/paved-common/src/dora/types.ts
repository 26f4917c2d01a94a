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
import * as generated from '../generated/models';
import type { GetDoraReport } from '../generated/DefaultApi.client';

/**
 * The four keys, in the order the card and the CLI show them.
 *
 * @public
 */
export const DORA_METRIC_KEYS = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'recoveryTime',
] as const;

/** @public */
export type DoraMetricKey = (typeof DORA_METRIC_KEYS)[number];

/**
 * Every metric a report carries, in the order the card and the CLI show
 * them: the four keys, then deployment rework rate (DORA 2024), for which
 * DORA publishes no bands yet (its band is always null).
 *
 * @public
 */
export const DORA_ALL_METRIC_KEYS = [
  ...DORA_METRIC_KEYS,
  'reworkRate',
] as const;

/** @public */
export type DoraAnyMetricKey = (typeof DORA_ALL_METRIC_KEYS)[number];

/**
 * Deployment rework rate: the share of deployments that were unplanned
 * fixes (an incident of the entity was open when it finished, marked as a
 * hotfix, or a rollback), with the counts behind it.
 *
 * @public
 */
export type DoraReworkRate = generated.DoraReworkRate;

/**
 * Performance band of a metric, best first.
 *
 * @public
 */
export type DoraBand = NonNullable<generated.DoraMetric['band']>;

/** @public */
export const DORA_BANDS: readonly DoraBand[] = [
  'elite',
  'high',
  'medium',
  'low',
];

/**
 * Units of metric values: deployments per day, seconds, and a ratio
 * between 0 and 1 (0.05 is 5 %).
 *
 * @public
 */
export type DoraUnit = generated.DoraMetric['unit'];

/**
 * Band thresholds. Deployment frequency: at least one deployment per this
 * many seconds on average. Lead time and recovery time: a median strictly
 * below this many seconds. Change failure rate: at most this ratio.
 *
 * @public
 */
export type DoraBandThresholds = Record<
  DoraMetricKey,
  { elite: number; high: number; medium: number }
>;

/**
 * One bucket of a trend series (a week in the configured time zone, cut
 * to the window at both ends).
 *
 * @public
 */
export type DoraTrendPoint = generated.DoraTrendPoint;

/**
 * A metric over the window. `value` is null, with `notAvailableReason`,
 * when there are no samples: no data is never reported as 0.
 *
 * @public
 */
export type DoraMetric = generated.DoraMetric;

/**
 * The four metrics, with the counts behind them.
 *
 * @public
 */
export type DoraMetrics = generated.DoraMetrics;

/**
 * The window a report covers.
 *
 * @public
 */
export type DoraWindow = generated.DoraWindow;

/**
 * What a report is about.
 *
 * @public
 */
export type DoraScope = generated.DoraScope;

/**
 * DORA metrics of an entity, a group's entities, a system's entities or
 * the whole organisation.
 *
 * @public
 */
export type DoraReport = generated.DoraReport;

/**
 * How many of a report's production deployments have a complete commit
 * range (the commits since the previous production deployment).
 *
 * @public
 */
export type DoraCommitCoverage = generated.DoraCommitCoverage;

/**
 * The four values of one row of the organisation table.
 *
 * @public
 */
export type DoraRowMetric = generated.DoraRowMetric;

/**
 * A team, system or component in the organisation table.
 *
 * @public
 */
export type DoraOrganisationRow = generated.DoraOrganisationRow;

/**
 * How many rows of a type fall in each band of each metric.
 *
 * @public
 */
export type DoraBandDistribution = generated.DoraBandDistribution;

/**
 * The organisation view: the organisation's own numbers with trends,
 * every team, system and component with DORA data, and the distribution of
 * bands.
 *
 * @public
 */
export type DoraOrganisationReport = generated.DoraOrganisationReport;

/**
 * Query of a DORA report: one of entity, group or system (none for the
 * organisation), and a window as `from`/`to` (dates in the configured time
 * zone, both inclusive, or ISO 8601 instants, `to` exclusive) or `days`
 * ending today.
 *
 * @public
 */
export type DoraQuery = NonNullable<GetDoraReport['query']>;
