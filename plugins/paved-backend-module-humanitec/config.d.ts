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

export interface Config {
  paved?: {
    orchestrators?: {
      /**
       * Humanitec Platform Orchestrator (API v2) or its self-hosted form.
       * Org and token come from config only: the browser can neither choose
       * the org nor see the token.
       */
      humanitec?: {
        /** Organization id, e.g. `acme`. */
        orgId: string;
        /**
         * API token (service user token). Sent as a bearer token.
         * @visibility secret
         */
        token: string;
        /** Base URL of the API. Default https://api.humanitec.dev */
        apiUrl?: string;
        /** Base URL of the web console, used for links. Default https://console.humanitec.dev */
        consoleUrl?: string;
        /** Per request timeout in milliseconds. Default 15000. */
        timeoutMs?: number;
        /** Retries for safe requests on 429/5xx/network errors. Default 3. */
        retries?: number;
        /** Environment types counted as production. Default ["production"]. */
        productionEnvironmentTypes?: string[];
        /** Manifest resource type that carries the Score workload. Default score-workload. */
        workloadResourceType?: string;
        /**
         * age X25519 identity (private key, `AGE-SECRET-KEY-1…`, e.g. from
         * `age-keygen`) for deployment runner logs. When set, deployments
         * Paved creates send its recipient (public key, derived from it) as
         * `encrypted_logs_recipient`, so the orchestrator keeps their logs
         * encrypted, and reading logs sends it as the `DecryptKey` header.
         * Without it deployments keep no logs. Checked at startup.
         * @visibility secret
         */
        logsIdentity?: string;
        /**
         * Deployment events from NATS JetStream, written to the ledger at
         * once (docs/orchestrators.md#deployment-events). With it the
         * polling sync runs every 15 min by default.
         */
        events?: {
          /** false turns the consumer off. Default true. */
          enabled?: boolean;
          /** NATS server URL(s), e.g. nats://nats.internal:4222 */
          servers: string | string[];
          /** The JetStream stream the orchestrator publishes to. */
          stream: string;
          /** Subject filter. Default io.platform-orchestrator.deployment.> */
          subject?: string;
          /** Durable consumer, the same on every replica. Default paved-ledger-humanitec */
          durableName?: string;
          /**
           * NATS token.
           * @visibility secret
           */
          token?: string;
          /** NATS user (with password). */
          user?: string;
          /**
           * NATS password.
           * @visibility secret
           */
          password?: string;
          /**
           * Path of a NATS credentials file (JWT and NKey seed).
           * @visibility secret
           */
          credsFile?: string;
          /** Messages written in one transaction at most. Default 500. */
          batchSize?: number;
          /** Seconds before an unacknowledged message is redelivered. Default 30. */
          ackWaitSeconds?: number;
          /** Deliveries before a failing message is parked. Default 5. */
          maxDeliver?: number;
        };
      };
    };
  };
}
