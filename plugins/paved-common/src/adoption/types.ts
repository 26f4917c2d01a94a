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
import { AutomationScore } from './checks';
import { ComplexityScore } from './complexity';
import { GoldenPathDeviation } from './deviations';
import { EntityFacts } from './facts';

/**
 * Scores of one component with the checks and facts behind them. Answer of
 * `GET /v1/scores?entity=<ref>`.
 *
 * @public
 */
export type EntityScores = {
  entityRef: string;
  title?: string;
  owner?: string;
  /** ISO 8601: when the facts were collected. */
  computedAt: string;
  automation: AutomationScore;
  complexity: ComplexityScore;
  /** Ways the component is off the golden path (its distance). */
  deviations: GoldenPathDeviation[];
  facts: EntityFacts;
};

/**
 * A count out of a total. `share` is null when the total is 0 (no data is
 * not 0 %).
 *
 * @public
 */
export type AdoptionShare = {
  count: number;
  total: number;
  share: number | null;
};

/** @public */
export type AdoptionFunnelStageId =
  | 'catalog'
  | 'score'
  | 'golden-path'
  | 'current-version'
  | 'deploying';

/**
 * One stage of the adoption funnel. Each stage counts the components that
 * meet its condition and every earlier one; `share` is of all components.
 *
 * @public
 */
export type AdoptionFunnelStage = {
  id: AdoptionFunnelStageId;
  title: string;
  count: number;
  share: number | null;
};

/**
 * Runs of one software template in the scaffolder's task history.
 *
 * @public
 */
export type TemplateUsage = {
  templateRef: string;
  title?: string;
  /** The template's `paved.dev/template-version`, when it has one. */
  version?: string;
  runs: number;
  succeeded: number;
  failed: number;
  /** succeeded / (succeeded + failed); null without finished runs. */
  successRate: number | null;
  /** ISO 8601 */
  lastRunAt?: string;
  /** Components in the catalog created by the template's runs. */
  components: number;
  /** Median from a run to the first successful production deployment of its component. */
  medianSecondsToFirstProductionDeployment: number | null;
};

/**
 * Template runs and their success rate over the window.
 *
 * @public
 */
export type TemplateRunStats = {
  windowDays: number;
  /** `unavailable` when the scaffolder's task history could not be read. */
  status: 'ok' | 'unavailable';
  detail?: string;
  runs: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
};

/**
 * Distinct signed-in users with a page view in the last 7 and 30 days.
 *
 * @public
 */
export type ActiveUsers = {
  /** False when `paved.analytics.enabled` is off: nothing is recorded. */
  enabled: boolean;
  weekly: number;
  monthly: number;
  /** How many of them are demo users (only while demo data is on). */
  demoWeekly: number;
  demoMonthly: number;
};

/**
 * The product metrics of the platform at one point in time.
 *
 * @public
 */
export type AdoptionMetrics = {
  /** Components in the catalog. */
  components: number;
  withScore: AdoptionShare;
  fromGoldenPath: AdoptionShare;
  /** Created from a golden path and on its current version, of all components. */
  onCurrentVersion: AdoptionShare;
  /** With a deployment recorded in Paved (any environment) in the last 30 days. */
  deployingThroughPaved: AdoptionShare;
  funnel: AdoptionFunnelStage[];
  templateRuns: TemplateRunStats;
  activeUsers: ActiveUsers;
  /** From a template run to the first successful production deployment of its component. */
  timeToFirstProductionDeployment: {
    medianSeconds: number | null;
    samples: number;
  };
  /** Averages over all components; null without components. */
  automationScore: number | null;
  complexityScore: number | null;
};

/**
 * One day of the leading indicators (the last computation of the day).
 *
 * @public
 */
export type AdoptionHistoryPoint = {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** Seeded demo data, not measured. */
  demo: boolean;
  components: number;
  withScore: number | null;
  fromGoldenPath: number | null;
  onCurrentVersion: number | null;
  deployingThroughPaved: number | null;
  automationScore: number | null;
  complexityScore: number | null;
  weeklyActiveUsers: number;
  monthlyActiveUsers: number;
  templateSuccessRate: number | null;
};

/**
 * A component far off the golden path.
 *
 * @public
 */
export type OffPathComponent = {
  entityRef: string;
  title?: string;
  owner?: string;
  automationScore: number;
  complexityScore: number;
  deviations: GoldenPathDeviation[];
};

/**
 * Answer of `GET /v1/adoption`: the platform team's product view.
 *
 * @public
 */
export type AdoptionReport = {
  /** ISO 8601 of the latest computation; null before the first. */
  computedAt: string | null;
  /** How long the latest computation took. */
  durationMs: number | null;
  /** Null before the first computation. */
  current: AdoptionMetrics | null;
  /** Template usage from the latest computation, most runs first. */
  templates: TemplateUsage[];
  /** Oldest day first. */
  history: AdoptionHistoryPoint[];
  /** The components with the most deviations, most first (at most 10). */
  furthestOffPath: OffPathComponent[];
  analytics: { enabled: boolean; retentionDays: number };
  /** Whether demo data (seeded history, demo page views) is included. */
  demo: boolean;
};

/**
 * Answer of `POST /v1/adoption/refresh`.
 *
 * @public
 */
export type AdoptionRefreshResult = {
  computedAt: string;
  durationMs: number;
  entities: number;
};

/**
 * A Backstage analytics event the portal forwards (page views only).
 *
 * @public
 */
export type PageViewEvent = {
  /** Plugin the page belongs to, from the analytics context. */
  pluginId?: string;
  /** ISO 8601; defaults to when the backend receives it. */
  at?: string;
};

/**
 * Answer of `POST /v1/analytics/page-views`.
 *
 * @public
 */
export type PageViewsRecorded = {
  /** False when analytics is switched off; nothing was stored. */
  enabled: boolean;
  recorded: number;
  /** Events that were not recorded, and why; the others were. */
  rejected: Array<{ index: number; message: string }>;
};
