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
  createExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AdoptionMetrics, SurveyEntity } from '@paved/plugin-paved-common';

/**
 * One day of demo adoption history.
 *
 * @public
 */
export interface PavedDemoAdoptionSnapshot {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  metrics: AdoptionMetrics;
}

/**
 * Page views of one demo user in one plugin on one UTC day.
 *
 * @public
 */
export interface PavedDemoPageView {
  /** A user that is clearly not a person, e.g. `user:default/demo-user-01`. */
  userRef: string;
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  pluginId: string;
  views: number;
}

/**
 * What an adoption seeder writes through. Everything it adds is flagged
 * `demo`: shown labelled, and ignored once no seeder is installed.
 *
 * @public
 */
export interface PavedDemoAdoptionContext {
  /** The time the demo data is dated relative to. */
  now: Date;
  logger: LoggerService;
  /**
   * Stores the snapshots. A day that already has a snapshot, measured or
   * demo, keeps it.
   */
  addSnapshots(snapshots: PavedDemoAdoptionSnapshot[]): Promise<void>;
  /**
   * Stores the page views, leaving rows that exist alone. Stores nothing
   * while page views are switched off (`paved.analytics.enabled: false`).
   */
  addPageViews(views: PavedDemoPageView[]): Promise<void>;
}

/**
 * One demo answer to a survey.
 *
 * @public
 */
export interface PavedDemoSurveyAnswer {
  /** The period id, e.g. `2026-Q3`. */
  period: string;
  /**
   * Stands for who answered, e.g. `demo:3`. The plugin keys it like a real
   * respondent, so one respondent has one answer per period and seeding
   * again adds nothing.
   */
  respondent: string;
  /** 0 to 10. */
  score: number;
  comment?: string;
}

/**
 * What a survey seeder gets: the survey the plugin is about to read, and
 * where to write its demo answers (stored with source `demo`).
 *
 * @public
 */
export interface PavedDemoSurveyContext {
  logger: LoggerService;
  survey: {
    /** The survey's entity ref. */
    ref: string;
    /** The validated Survey entity from the catalog. */
    entity: SurveyEntity;
    /** The id of the survey's period that is current now. */
    currentPeriod: string;
  };
  /** Stores the answers; answers that exist are left alone. */
  addAnswers(answers: PavedDemoSurveyAnswer[]): Promise<void>;
}

/**
 * A source of clearly labelled demo data for the Paved backend. Each hook
 * is optional and must be idempotent; the plugin calls it at the moments
 * its data would otherwise look empty or stale.
 *
 * @public
 */
/**
 * One demo ledger record, delivered like a generic webhook delivery
 * (docs/deployments.md): `payload` has the generic body's fields for its
 * `type` (entityRef or subject, status, times, `changes`, `pipelineRun`,
 * `rolledBack`, ...) and may add `kind` (`deploy`, `rollback`). It is
 * stored under the source `demo`, which no other writer may use.
 */
export interface PavedDemoLedgerDelivery {
  /**
   * Stable and unique: delivering an id again adds nothing (as a webhook
   * redelivery), so seeding twice, or on two replicas, duplicates nothing.
   */
  id: string;
  type: 'deployment' | 'incident';
  payload: Record<string, unknown>;
}

export interface PavedDemoLedgerContext {
  /** The time the demo data is dated relative to; nothing may be later. */
  now: Date;
  logger: LoggerService;
  /**
   * Verifies, stores and processes the deliveries through the webhook
   * intake. A delivery the intake refuses is logged and left out; the
   * others land. Returns how many were new and how many were known.
   */
  deliver(
    deliveries: PavedDemoLedgerDelivery[],
  ): Promise<{ accepted: number; duplicates: number; refused: number }>;
}

export interface PavedDemoDataSeeder {
  /** Unique among the registered seeders; named in logs. */
  id: string;
  /**
   * Seeds adoption history and page views dated relative to `now`: after
   * the plugin's migrations at startup, then at the first adoption
   * computation of each UTC day.
   */
  seedAdoption?(context: PavedDemoAdoptionContext): Promise<void>;
  /**
   * Seeds answers of one survey: the first time in its current period that
   * the plugin reads it (listing, results or an answer). Surveys come from
   * the catalog, so they are not known at startup.
   */
  seedSurvey?(context: PavedDemoSurveyContext): Promise<void>;
  /**
   * Seeds the deployment and incident ledger (deployments, the commits
   * they shipped, incidents) dated relative to `now`, through the webhook
   * intake: after the plugin's migrations at startup.
   */
  seedLedger?(context: PavedDemoLedgerContext): Promise<void>;
}

/**
 * Lets a backend module give the Paved backend demo data. While at least
 * one seeder is registered the plugin reports demo data as on
 * (`GET /v1/info`) and includes the labelled demo rows in its answers.
 *
 * @public
 */
export interface PavedDemoDataExtensionPoint {
  addSeeder(...seeders: PavedDemoDataSeeder[]): void;
}

/**
 * Extension point for demo data seeders.
 *
 * @public
 */
export const pavedDemoDataExtensionPoint =
  createExtensionPoint<PavedDemoDataExtensionPoint>({
    id: 'paved.demo-data',
  });
