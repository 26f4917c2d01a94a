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
 * Performance band of a metric, best first.
 *
 * @public
 */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

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
export type DoraUnit = 'deployments/day' | 'seconds' | 'ratio';

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
export type DoraTrendPoint = {
  /** ISO 8601, inclusive. */
  start: string;
  /** ISO 8601, exclusive. */
  end: string;
  /** Null when the bucket has no samples (no data is not zero). */
  value: number | null;
  sampleCount: number;
};

/**
 * A metric over the window. `value` is null, with `notAvailableReason`,
 * when there are no samples: no data is never reported as 0.
 *
 * @public
 */
export type DoraMetric = {
  value: number | null;
  unit: DoraUnit;
  /**
   * Deployments (frequency, change failure rate), commits (lead time) or
   * resolved incidents (recovery time) the value is computed from.
   */
  sampleCount: number;
  band: DoraBand | null;
  /** e.g. "no production deployments in window". */
  notAvailableReason?: string;
  /** Weekly buckets; absent in organisation table rows. */
  trend?: DoraTrendPoint[];
};

/**
 * The four metrics, with the counts behind them.
 *
 * @public
 */
export type DoraMetrics = {
  deploymentFrequency: DoraMetric & {
    /** The same rate per week. */
    perWeek: number | null;
    /** Failed production deployments, counted separately (not deployments). */
    failedDeployments: number;
  };
  leadTime: DoraMetric;
  changeFailureRate: DoraMetric & {
    /** Deployments that caused an incident or were rolled back. */
    failedChanges: number;
  };
  recoveryTime: DoraMetric;
};

/**
 * The window a report covers.
 *
 * @public
 */
export type DoraWindow = {
  /** ISO 8601, inclusive. */
  from: string;
  /** ISO 8601, exclusive. */
  to: string;
  /** Length in calendar days of the time zone (may be fractional for odd instants). */
  days: number;
  timeZone: string;
};

/**
 * What a report is about.
 *
 * @public
 */
export type DoraScope =
  | { type: 'entity'; ref: string }
  | { type: 'group'; ref: string }
  | { type: 'system'; ref: string }
  | { type: 'organisation' };

/**
 * DORA metrics of an entity, a group's entities, a system's entities or
 * the whole organisation.
 *
 * @public
 */
export type DoraReport = {
  scope: DoraScope;
  window: DoraWindow;
  /** Entities whose numbers the report includes. */
  entityCount: number;
  metrics: DoraMetrics;
  /**
   * Ledger changes not yet rolled up into the numbers (a large import is
   * rolled up in the background); 0 when the report is current.
   */
  pendingEntities: number;
};

/**
 * The four values of one row of the organisation table.
 *
 * @public
 */
export type DoraRowMetric = Omit<DoraMetric, 'trend'>;

/**
 * A team, system or component in the organisation table.
 *
 * @public
 */
export type DoraOrganisationRow = {
  type: 'group' | 'system' | 'entity';
  /** Entity ref; `null` groups the entities without an owner or system. */
  ref: string | null;
  title?: string;
  /** For entity rows. */
  owner?: string;
  /** For entity rows. */
  system?: string;
  entityCount: number;
  metrics: Record<DoraMetricKey, DoraRowMetric>;
};

/**
 * How many rows of a type fall in each band of each metric.
 *
 * @public
 */
export type DoraBandDistribution = Record<
  DoraMetricKey,
  Record<DoraBand | 'notAvailable', number>
>;

/**
 * The organisation view: the organisation's own numbers with trends,
 * every team, system and component with DORA data, and the distribution of
 * bands.
 *
 * @public
 */
export type DoraOrganisationReport = {
  window: DoraWindow;
  organisation: DoraReport;
  rows: DoraOrganisationRow[];
  distribution: Record<'group' | 'system' | 'entity', DoraBandDistribution>;
  pendingEntities: number;
};

/**
 * Query of a DORA report: one of entity, group or system (none for the
 * organisation), and a window as `from`/`to` (dates in the configured time
 * zone, both inclusive, or ISO 8601 instants, `to` exclusive) or `days`
 * ending today.
 *
 * @public
 */
export type DoraQuery = {
  entity?: string;
  group?: string;
  system?: string;
  from?: string;
  to?: string;
  days?: number;
};
