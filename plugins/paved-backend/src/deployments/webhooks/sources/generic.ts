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
import { AuthenticationError, InputError } from '@backstage/errors';
import {
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@paved/plugin-paved-common';
import { genericWebhookSource } from '../../recordSources';
import { requireHttpUrl } from '../../recordChecks';
import { at, optionalString, optionalTime, requireString } from '../read';
import { verifyHexSignature } from '../signatures';
import {
  header,
  Interpretation,
  WebhookOptions,
  WebhookRequest,
  WebhookSource,
} from '../types';

/** Names a value a field does not take, for the 400 message. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (!value.trim()) return 'a blank string';
    return value.length > 40
      ? `a string of ${value.length} characters`
      : `the string '${value}'`;
  }
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/** Optional `pipelineRun`: as the REST API takes it, 1 to 255 characters. */
function pipelineRunOf(body: unknown): string | undefined {
  const value = at(body, 'pipelineRun');
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !value.trim() || value.length > 255) {
    throw new InputError(
      `pipelineRun must be a non-blank string of at most 255 characters, not ${describeValue(
        value,
      )}`,
    );
  }
  return value;
}

/** Optional `rolledBack`: a JSON boolean, not a string such as "yes". */
function rolledBackOf(body: unknown): boolean | undefined {
  const value = at(body, 'rolledBack');
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw new InputError(
      `rolledBack must be true or false, not ${describeValue(value)}`,
    );
  }
  return value;
}

/**
 * Checks the optional signed timestamp: with `X-Paved-Timestamp: <unix
 * seconds>` the signature covers `<timestamp>.<body>`, and a delivery
 * outside the replay window is refused. Returns the signed bytes.
 */
function signedBytes(
  request: WebhookRequest,
  options: WebhookOptions['genericTimestamp'],
): { bytes: Buffer; timestamp?: number } {
  const value = header(request.headers, 'x-paved-timestamp');
  if (value === undefined) {
    if (options?.required) {
      throw new AuthenticationError(
        'Missing X-Paved-Timestamp header: this backend requires signed timestamps (paved.webhooks.generic.requireTimestamp)',
      );
    }
    return { bytes: request.rawBody };
  }
  if (!/^\d{1,12}$/.test(value)) {
    throw new AuthenticationError(
      'X-Paved-Timestamp must be the Unix time in whole seconds',
    );
  }
  return {
    bytes: Buffer.concat([Buffer.from(`${value}.`), request.rawBody]),
    timestamp: Number(value),
  };
}

/**
 * Paved's own format for any CI system: a JSON body signed like GitHub's
 * (`X-Paved-Signature-256: sha256=<HMAC-SHA256 hex of the body>`) with a
 * sender-chosen `X-Paved-Delivery` id. The body is
 * `{ "type": "deployment" | "incident", ... }` with the fields of the REST
 * API's RecordDeploymentRequest / RecordIncidentRequest, including a
 * deployment's optional `pipelineRun` and `rolledBack`. Records are stored
 * under `generic`, or `generic:<label>` when the body names a `source`.
 *
 * Optionally the sender adds `X-Paved-Timestamp: <unix seconds>` and signs
 * `<timestamp>.<body>` instead of the body; deliveries older (or newer)
 * than the replay window are then refused.
 */
export const genericSource: WebhookSource = {
  id: 'generic',
  signatureHeader: 'X-Paved-Signature-256',
  verify(request, secret, options) {
    const { bytes, timestamp } = signedBytes(
      request,
      options?.genericTimestamp,
    );
    verifyHexSignature({
      value: header(request.headers, 'x-paved-signature-256'),
      headerName: 'X-Paved-Signature-256',
      prefix: 'sha256=',
      secret,
      body: bytes,
    });
    if (timestamp !== undefined) {
      const windowSeconds =
        options?.genericTimestamp?.replayWindowSeconds ?? 300;
      const ageSeconds = Math.round(Date.now() / 1000 - timestamp);
      if (Math.abs(ageSeconds) > windowSeconds) {
        throw new AuthenticationError(
          `X-Paved-Timestamp is ${Math.abs(ageSeconds)} s ${
            ageSeconds < 0 ? 'ahead' : 'old'
          }; deliveries outside the replay window of ${windowSeconds} s are refused`,
        );
      }
    }
  },
  identify(request, body) {
    const deliveryId = header(request.headers, 'x-paved-delivery');
    if (!deliveryId) throw new InputError('Missing X-Paved-Delivery header');
    return { deliveryId, event: requireString(body, 'type') };
  },
  interpret(event, body): Interpretation {
    // Never another writer's source: see recordSources.ts.
    const source = genericWebhookSource(optionalString(body, 'source'));
    const entityRef = optionalString(body, 'entityRef');
    const subject = optionalString(body, 'subject');
    if (!entityRef && !subject) {
      throw new InputError(
        'Payload needs entityRef or subject (annotation=value)',
      );
    }
    if (subject && !subject.includes('=')) {
      throw new InputError(`subject '${subject}' is not annotation=value`);
    }
    if (event === 'deployment') {
      const status = requireString(body, 'status') as DeploymentStatus;
      if (!DEPLOYMENT_STATUSES.includes(status)) {
        throw new InputError(
          `status must be one of ${DEPLOYMENT_STATUSES.join(', ')}`,
        );
      }
      const startedAt = optionalTime(body, 'startedAt') ?? new Date();
      const finishedAt = optionalTime(body, 'finishedAt');
      const environment = requireString(body, 'environment');
      const changes = at(body, 'changes');
      if (changes !== undefined && !Array.isArray(changes)) {
        throw new InputError('changes must be an array');
      }
      return {
        actions: [
          {
            type: 'deployment',
            pipelineRun: pipelineRunOf(body),
            rolledBack: rolledBackOf(body),
            deployment: {
              source,
              externalId: requireString(body, 'externalId'),
              entityRef,
              subject,
              environment,
              production:
                typeof at(body, 'production') === 'boolean'
                  ? (at(body, 'production') as boolean)
                  : /^prod/i.test(environment),
              version: optionalString(body, 'version'),
              commitSha: optionalString(body, 'commitSha'),
              status,
              startedAt,
              finishedAt,
              url: requireHttpUrl(optionalString(body, 'url'), 'url'),
              message: optionalString(body, 'message'),
              updatedAt:
                optionalTime(body, 'updatedAt') ?? finishedAt ?? startedAt,
              changes: ((changes as unknown[]) ?? []).map(c => ({
                sha: requireString(c, 'sha'),
                author: optionalString(c, 'author'),
                authoredAt: optionalTime(c, 'authoredAt'),
                committedAt: optionalTime(c, 'committedAt'),
                message: optionalString(c, 'message'),
              })),
            },
          },
        ],
      };
    }
    if (event === 'incident') {
      const openedAt = optionalTime(body, 'openedAt') ?? new Date();
      const resolvedAt = optionalTime(body, 'resolvedAt');
      const status =
        optionalString(body, 'status') ?? (resolvedAt ? 'resolved' : 'open');
      if (status !== 'open' && status !== 'resolved') {
        throw new InputError(
          `status must be open or resolved, not '${status}'`,
        );
      }
      return {
        actions: [
          {
            type: 'incident',
            incident: {
              source,
              externalId: requireString(body, 'externalId'),
              entityRef,
              subject,
              title: requireString(body, 'title'),
              severity: optionalString(body, 'severity'),
              status,
              openedAt,
              resolvedAt:
                status === 'resolved' ? resolvedAt ?? new Date() : undefined,
              url: requireHttpUrl(optionalString(body, 'url'), 'url'),
              updatedAt:
                optionalTime(body, 'updatedAt') ?? resolvedAt ?? openedAt,
            },
            deploymentExternalId: optionalString(body, 'deployment'),
          },
        ],
      };
    }
    throw new InputError(`type must be deployment or incident, not '${event}'`);
  },
};
