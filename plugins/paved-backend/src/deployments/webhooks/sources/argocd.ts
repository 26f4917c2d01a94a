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
import { InputError } from '@backstage/errors';
import { DeploymentStatus, linkKey } from '@paved/plugin-paved-common';
import { createHash } from 'node:crypto';
import { optionalString, optionalTime, requireString } from '../read';
import { verifyToken } from '../signatures';
import { header, Interpretation, WebhookSource } from '../types';

const PHASES: Record<string, DeploymentStatus> = {
  Running: 'in_progress',
  Terminating: 'cancelled',
  Succeeded: 'success',
  Failed: 'failure',
  Error: 'error',
};

/**
 * Argo CD notifications (the `webhook` service). Argo CD does not sign
 * bodies, so the service sends the secret in an `X-Paved-Token` header (set
 * in `argocd-notifications-cm`, value from `argocd-notifications-secret`).
 * The body is the template from docs/deployments.md (its `pipelineRun` is
 * the sync operation's `info` entry of that name). A notification has no
 * delivery id: the SHA-256 of the body is used, so a resend of the same
 * notification is a duplicate.
 */
export const argocdSource: WebhookSource = {
  id: 'argocd',
  signatureHeader: 'X-Paved-Token',
  verify(request, secret) {
    verifyToken({
      value: header(request.headers, 'x-paved-token'),
      headerName: 'X-Paved-Token',
      secret,
    });
  },
  identify(request) {
    const deliveryId =
      header(request.headers, 'x-paved-delivery') ??
      createHash('sha256').update(request.rawBody).digest('hex');
    return { deliveryId, event: 'sync-operation' };
  },
  interpret(_event, rendered): Interpretation {
    const body = withoutMissingValues(rendered);
    const phase = requireString(body, 'phase');
    const status = PHASES[phase];
    if (!status) {
      throw new InputError(
        `phase '${phase}' is not an Argo CD operation phase (${Object.keys(
          PHASES,
        ).join(', ')})`,
      );
    }
    const app = requireString(body, 'app');
    const startedAt = optionalTime(body, 'startedAt');
    if (!startedAt) throw new InputError('Payload has no startedAt');
    const finishedAt = optionalTime(body, 'finishedAt');
    const environment =
      optionalString(body, 'environment') ??
      optionalString(body, 'destination.namespace') ??
      'default';
    return {
      actions: [
        {
          type: 'deployment',
          // The pipeline run that started the sync, when the CI job passed
          // it as `argocd app sync <app> --info pipelineRun=<run>` (the
          // template reads the operation's info). An automated or manual
          // sync has none: one sync operation is one record already.
          // Argo CD has no rollback flag: `argocd app rollback` is an
          // ordinary sync to an earlier revision, so rolledBack stays unset.
          pipelineRun: optionalString(body, 'pipelineRun'),
          deployment: {
            source: 'argocd',
            // One sync operation = one deployment.
            externalId: `${
              optionalString(body, 'instance') ?? 'argocd'
            }/${app}@${startedAt.toISOString()}`,
            subject: linkKey('argocd/app-name', app),
            environment,
            production:
              optionalString(body, 'production') === 'true' ||
              /^prod/i.test(environment),
            version: optionalString(body, 'revision'),
            commitSha: optionalString(body, 'revision')?.match(
              /^[0-9a-f]{40}$/,
            )?.[0],
            status,
            startedAt,
            finishedAt: status === 'in_progress' ? undefined : finishedAt,
            url: optionalString(body, 'url'),
            message: optionalString(body, 'message'),
            updatedAt: finishedAt ?? startedAt,
          },
        },
      ],
    };
  },
};

/**
 * Go templates render a field the application does not have yet (a
 * running operation's finishedAt, say) as "<no value>"; read those fields
 * as absent.
 */
function withoutMissingValues(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== '<no value>'),
  );
}
