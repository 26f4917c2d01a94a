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
  RecordDeploymentRequest,
  RecordDeploymentResult,
} from '@paved/plugin-paved-common';
import { PavedActions } from '../actions/PavedActions';
import {
  componentZod,
  responseZod,
  ZodObjectOf,
} from '../actions/openApiSchemas';
import { requestEntityRef } from '../http/EntityAccess';
import { LedgerService } from './LedgerService';
import {
  DEPLOYMENT_LIST_RULE,
  deploymentRecordRule,
  listDeployments,
  recordedDeploymentMeta,
} from './routes';

/**
 * Registers `list-deployments` and `record-deployment`: the answers of
 * `GET` and `POST /v1/deployments`.
 */
export function registerDeploymentActions(
  actions: PavedActions,
  ledger: LedgerService,
) {
  actions.register({
    name: 'list-deployments',
    title: 'List deployments',
    description: [
      "Deployments from Paved's ledger (CI systems, webhooks, the orchestrator), newest first:",
      'environment, status (pending, in_progress, success, failure, cancelled...), version, commit,',
      'start and finish times (ISO 8601, UTC) and the source that reported each one.',
      'Use it to answer "what was deployed where and when". With entity, the deployments of that',
      'service; without it, those of every service the caller may see. An empty list means no',
      'deployment was reported for the filter, not that the service is not running.',
    ].join(' '),
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .optional()
            .describe(
              'Entity ref (kind defaults to component), e.g. component:default/checkout.',
            ),
          environment: z
            .string()
            .optional()
            .describe('Only this environment, e.g. production.'),
          since: z
            .string()
            .datetime({ offset: true })
            .optional()
            .describe(
              'Only deployments started at or after this ISO 8601 date-time.',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(500)
            .optional()
            .describe('At most this many deployments (1 to 500).'),
        }),
      output: z => responseZod(z, 'ListDeployments'),
    },
    rule: {
      ...DEPLOYMENT_LIST_RULE,
      resourceRef: input => requestEntityRef(input.entity, 'entity'),
    },
    handler: (input, context) => listDeployments(ledger, input, context),
  });

  const recordRule = deploymentRecordRule(actions.entities);
  actions.register<
    ZodObjectOf<RecordDeploymentRequest>,
    ZodObjectOf<RecordDeploymentResult>
  >({
    name: 'record-deployment',
    title: 'Record a deployment',
    description: [
      "Records (or updates) one deployment in Paved's ledger, as a CI job does: what was deployed",
      '(entityRef, or subject: a link key such as github.com/project-slug=acme/checkout), where',
      '(environment; production true counts it in the DORA metrics), its status and times (ISO 8601).',
      "The record is stored under the caller's own source (api:<caller>[/<source label>]); sending",
      'the same externalId again updates that record instead of adding one (created is false).',
      "Only the service's owners and the platform team may record; use it only when the user asked",
      'to record a deployment that really happened.',
    ].join(' '),
    attributes: { readOnly: false, idempotent: true },
    schema: {
      input: z =>
        componentZod<RecordDeploymentRequest>(z, 'RecordDeploymentRequest'),
      output: z => responseZod<RecordDeploymentResult>(z, 'RecordDeployment'),
    },
    rule: recordRule,
    handler: (input, { credentials }) =>
      ledger.recordDeployment(input, credentials),
    auditMeta: recordedDeploymentMeta,
  });
}
