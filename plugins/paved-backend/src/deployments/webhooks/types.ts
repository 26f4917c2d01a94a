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
import { IncomingHttpHeaders } from 'node:http';
import { ChangeInput, DeploymentInput, IncidentInput } from '..';
import type { PushInput } from '../CommitHistoryStore';
import type { PreviewRequest } from '../../previews/types';

/** A deployment record, with the fields only the DORA metrics read. */
export type DeploymentAction = {
  type: 'deployment';
  deployment: DeploymentInput;
  /**
   * Id of the pipeline run that made the deployment, when the sender knows
   * it: records of one run for one environment count as one deployment in
   * the DORA metrics. Left out, the stored value is kept.
   */
  pipelineRun?: string;
  /**
   * The deployment was rolled back (a change failure in the DORA metrics).
   * Left out, the stored value is kept.
   */
  rolledBack?: boolean;
  /** `deploy` or `rollback` (DORA); left out, the stored kind is kept. */
  kind?: string;
};

/** What one delivery means for the ledger. */
export type LedgerAction =
  | DeploymentAction
  | {
      type: 'incident';
      incident: IncidentInput;
      /** External id of the deployment (same source) that caused it. */
      deploymentExternalId?: string;
    }
  | {
      type: 'changes';
      subject: string;
      source: string;
      changes: ChangeInput[];
    }
  | {
      /** A ref moved: the repository's commit history (docs/dora.md). */
      type: 'push';
      push: PushInput;
    }
  | {
      /** A pull request's preview environment (docs/deployments.md). */
      type: 'preview';
      preview: PreviewRequest;
    };

/** The actions of a delivery, or why it has none. */
export type Interpretation = {
  actions: LedgerAction[];
  /** Set when the delivery is valid but carries nothing for the ledger. */
  ignored?: string;
};

/** Options from `paved.webhooks.<source>` besides the secret. */
export type WebhookOptions = {
  /** GitHub issue labels that make an issue an incident. */
  incidentLabels: string[];
  /**
   * The generic source's signed timestamp (`X-Paved-Timestamp`): whether
   * it is required, and how old a delivery may be.
   */
  genericTimestamp?: { required: boolean; replayWindowSeconds: number };
};

/** A delivery as the intake route sees it. */
export type WebhookRequest = {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
};

/**
 * One webhook sender: how it signs, how it names deliveries and what its
 * events mean. Every function throws `AuthenticationError` (401) or
 * `InputError` (400) with a reason.
 */
export type WebhookSource = {
  id: string;
  /** Human readable name of the header carrying the signature or token. */
  signatureHeader: string;
  verify(
    request: WebhookRequest,
    secret: string,
    options?: WebhookOptions,
  ): void;
  identify(
    request: WebhookRequest,
    body: unknown,
  ): { deliveryId: string; event: string };
  interpret(
    event: string,
    body: unknown,
    options: WebhookOptions,
  ): Interpretation;
};

/** First value of a header. */
export function header(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}
