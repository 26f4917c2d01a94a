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

import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Paved plugin family. */
  paved?: {
    demoData?: {
      /**
       * Show the clearly labelled demo dataset (example workloads, survey
       * answers) so a new portal has something to look at. Switch off in
       * production.
       * @visibility frontend
       */
      enabled?: boolean;
    };
    /** Signed webhook intake (see docs/deployments.md). */
    webhooks?: {
      /** How stored deliveries are processed. */
      processing?: {
        /**
         * Seconds a replica holds a claimed delivery; after that another
         * replica may take it over (e.g. when the first one died). Default 60.
         */
        leaseSeconds?: number;
        /**
         * The scheduled run over pending deliveries (Backstage schedule
         * format). Default every 30 s, timeout 10 min.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /** The intake's bound (see docs/security.md). */
      intake?: {
        /**
         * Deliveries being read or stored at once; more are answered 503
         * with Retry-After. Default 1000.
         */
        maxQueued?: number;
        /** Seconds the 503 asks the sender to wait. Default 10. */
        retryAfterSeconds?: number;
      };
      /** How long delivery payloads are kept. */
      retention?: {
        /**
         * Days after a delivery finished (processed, ignored or failed)
         * that its payload is emptied; the delivery row (for duplicate
         * detection) and the ledger rows stay. Default 30.
         */
        payloadDays?: number;
        /** The retention task. Default every 6 hours, timeout 30 min. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /** GitHub: HMAC secret of the webhook (X-Hub-Signature-256). */
      github?: {
        /** @visibility secret */
        secret?: string;
        /**
         * Former secrets still accepted while senders move to `secret`
         * (docs/operations.md#secrets-rotation).
         * @visibility secret
         */
        previousSecrets?: string[];
        /** Issue labels that make an issue an incident. Default ["incident"]. */
        incidentLabels?: string[];
      };
      /** GitLab: the webhook's secret token (X-Gitlab-Token). */
      gitlab?: {
        /** @visibility secret */
        secret?: string;
        /**
         * Former secrets still accepted while senders move to `secret`
         * (docs/operations.md#secrets-rotation).
         * @visibility secret
         */
        previousSecrets?: string[];
      };
      /** Argo CD notifications: token sent in X-Paved-Token. */
      argocd?: {
        /** @visibility secret */
        secret?: string;
        /**
         * Former secrets still accepted while senders move to `secret`
         * (docs/operations.md#secrets-rotation).
         * @visibility secret
         */
        previousSecrets?: string[];
      };
      /** PagerDuty v3: the subscription's signing secret (X-PagerDuty-Signature). */
      pagerduty?: {
        /** @visibility secret */
        secret?: string;
        /**
         * Former secrets still accepted while senders move to `secret`
         * (docs/operations.md#secrets-rotation).
         * @visibility secret
         */
        previousSecrets?: string[];
      };
      /** Paved's generic format for any CI (X-Paved-Signature-256). */
      generic?: {
        /** @visibility secret */
        secret?: string;
        /**
         * Former secrets still accepted while senders move to `secret`
         * (docs/operations.md#secrets-rotation).
         * @visibility secret
         */
        previousSecrets?: string[];
        /**
         * Require `X-Paved-Timestamp` (Unix seconds, signed with the body as
         * `<timestamp>.<body>`). A delivery that sends one is always
         * checked. Default false.
         */
        requireTimestamp?: boolean;
        /** Seconds a signed timestamp may differ from now. Default 300. */
        replayWindowSeconds?: number;
      };
    };
    /** The deployment and incident ledger. */
    deployments?: {
      /**
       * How far in the future (seconds) a recorded time such as updatedAt
       * may be, for clock skew; later ones are refused. Default 300.
       */
      maxClockSkewSeconds?: number;
      /** Linking records to entities that appeared after them. */
      linking?: {
        /** Default every 5 min, timeout 5 min. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /** Orchestrator providers and their sync. */
    orchestrators?: {
      sync?: {
        /**
         * The orchestrator sync job. Default every 2 min (every 15 min when
         * a provider has `events` configured), timeout 10 min.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * Preview environments of pull requests (docs/deployments.md#preview-environments):
     * GitHub `pull_request` and GitLab merge request webhooks deploy the head
     * commit's Score workload to environment `pr-<number>` and delete it on
     * close or merge.
     */
    previews?: {
      /** Default true; false records pull requests as skipped and deploys nothing. */
      enabled?: boolean;
      /** Most live previews per orchestrator project; beyond, refused with the reason. Default 5. */
      maxPerProject?: number;
      /**
       * A preview without a push or reopen for this long is removed. Default 3 days.
       */
      ttl?: HumanDuration | string;
      /** The orchestrator environment type of `pr-<n>` environments (must not count as production). Default `development`. */
      environmentType?: string;
      /** Attempts of a failing step (backing off from 30 s) before the preview is failed. Default 5. */
      maxAttempts?: number;
      /** The reconcile task (retries, work of a stopped replica). Default every 30 s, timeout 5 min. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      expiry?: {
        /** The idle-preview removal task. Default every 15 min, timeout 5 min. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /** Adoption facts, scores and their history (see docs/adoption.md). */
    adoption?: {
      /** The facts computation. Default every 60 min, timeout 15 min. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days of fact history and daily snapshots kept (at least 30). Default 365. */
      historyDays?: number;
    };
    /**
     * Page views for weekly and monthly active users: the portal's analytics
     * module sends them; only the user entity ref, the UTC day and the plugin
     * id are stored (see docs/adoption.md#analytics).
     */
    analytics?: {
      /**
       * Record page views. Default true; false stores nothing and the portal
       * sends nothing.
       * @visibility frontend
       */
      enabled?: boolean;
      /** Days page views are kept (at least 30). Default 90. */
      retentionDays?: number;
    };
    /** DORA metrics (see docs/dora.md). */
    dora?: {
      /** Roll-up refresh. Default every minute, timeout 15 min. */
      rollups?: { schedule?: SchedulerServiceTaskScheduleDefinitionConfig };
      /** Catalog sync of owners and systems. Default every 30 min. */
      directory?: { schedule?: SchedulerServiceTaskScheduleDefinitionConfig };
      /**
       * Resolution of the commits each production deployment shipped (push
       * history, else the SCM compare API). Default every minute.
       */
      commitRanges?: {
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
      /**
       * IANA time zone whose midnights and Mondays bound days and weeks of
       * the reports, e.g. Europe/Berlin. Default UTC.
       */
      timeZone?: string;
      /**
       * Environments that count as production, case-insensitive; `*`
       * matches any characters (e.g. `prod-*`). Without it, a deployment is
       * production when its ledger record says so (the recorder's
       * `production` flag, by default an environment name starting with
       * "prod").
       */
      productionEnvironments?: string[];
      /**
       * Band thresholds. Durations as '1d', '12h', 'P7D' or
       * { days: 7 }; deploymentFrequency: at least one deployment per this
       * much time on average; leadTime and recoveryTime: a median below it;
       * changeFailureRate: a fraction at or below it (0.05 is 5 %).
       */
      bands?: {
        deploymentFrequency?: {
          elite?: string | { [unit: string]: number };
          high?: string | { [unit: string]: number };
          medium?: string | { [unit: string]: number };
        };
        leadTime?: {
          elite?: string | { [unit: string]: number };
          high?: string | { [unit: string]: number };
          medium?: string | { [unit: string]: number };
        };
        changeFailureRate?: {
          elite?: number;
          high?: number;
          medium?: number;
        };
        recoveryTime?: {
          elite?: string | { [unit: string]: number };
          high?: string | { [unit: string]: number };
          medium?: string | { [unit: string]: number };
        };
      };
    };
    /** The feedback board (see docs/feedback.md). */
    feedback?: {
      /**
       * Notify submitters and voters when a request changes status
       * (topic paved-feedback). Default true.
       */
      notifications?: boolean;
    };
    /** Developer satisfaction surveys (see docs/surveys.md). */
    surveys?: {
      /**
       * Key of the HMAC that turns "who answered" into a hash used only to
       * deduplicate answers. Required in production (at least 32
       * characters); outside production Paved generates one in its
       * database when it is not set. Rotate by moving the old key to
       * previousSecrets (docs/security.md).
       * @visibility secret
       */
      secret?: string;
      /**
       * Keys replaced by a rotation: answers hashed with them are still
       * recognised, so nobody answers twice in the period of a rotation.
       * Remove them once that period has closed.
       * @visibility secret
       */
      previousSecrets?: string[];
      /**
       * Invitations: each open survey's audience gets one notification
       * (topic paved-survey) per period. The task's Backstage schedule;
       * default every 15 minutes.
       */
      invitations?: {
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /** The roadmap as code (see docs/roadmap.md). */
    roadmap?: {
      /**
       * Days in the windows before and after a shipped item's ship date
       * (and the window of a current value). 1 to 366; default 28.
       */
      windowDays?: number;
    };
    /** The monthly platform report (see docs/report.md). */
    report?: {
      /**
       * Groups and users (entity refs; without a kind, a group) who get a
       * notification (topic paved-report) with the link to last month's
       * report in the first days of each month. None: no notification.
       */
      recipients?: string[];
      /**
       * The notification task's Backstage schedule; default hourly. It
       * sends each month once, however often it runs.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
