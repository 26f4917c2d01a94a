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
import { linkKey } from '@paved/plugin-paved-common';
import {
  optionalString,
  optionalTime,
  requireString,
  requireTime,
} from '../read';
import { verifyHexSignature } from '../signatures';
import { header, Interpretation, WebhookSource } from '../types';

/**
 * PagerDuty v3 webhooks: `X-PagerDuty-Signature: v1=<HMAC-SHA256 hex>`
 * (several comma-separated while a secret rotates). The delivery id is the
 * event id (`event.id`, also sent as `X-Webhook-Id`). Reads `incident.*`
 * events.
 */
export const pagerdutySource: WebhookSource = {
  id: 'pagerduty',
  signatureHeader: 'X-PagerDuty-Signature',
  verify(request, secret) {
    verifyHexSignature({
      value: header(request.headers, 'x-pagerduty-signature'),
      headerName: 'X-PagerDuty-Signature',
      prefix: 'v1=',
      secret,
      body: request.rawBody,
    });
  },
  identify(request, body) {
    const deliveryId =
      optionalString(body, 'event.id') ??
      header(request.headers, 'x-webhook-id');
    if (!deliveryId) throw new InputError('Payload has no event.id');
    return { deliveryId, event: requireString(body, 'event.event_type') };
  },
  interpret(event, body): Interpretation {
    if (event === 'pagey.ping') return { actions: [], ignored: 'ping' };
    if (!event.startsWith('incident.')) {
      return { actions: [], ignored: `event '${event}' is not used` };
    }
    if (requireString(body, 'event.resource_type') !== 'incident') {
      throw new InputError('event.resource_type is not incident');
    }
    const occurredAt = requireTime(body, 'event.occurred_at');
    const status = requireString(body, 'event.data.status');
    const resolved = status === 'resolved';
    return {
      actions: [
        {
          type: 'incident',
          incident: {
            source: 'pagerduty',
            externalId: requireString(body, 'event.data.id'),
            subject: linkKey(
              'pagerduty.com/service-id',
              requireString(body, 'event.data.service.id'),
            ),
            title: requireString(body, 'event.data.title'),
            severity:
              optionalString(body, 'event.data.priority.summary') ??
              optionalString(body, 'event.data.urgency'),
            status: resolved ? 'resolved' : 'open',
            // v3 payloads carry no creation time; the earliest event seen
            // wins (see IncidentStore).
            openedAt: optionalTime(body, 'event.data.created_at') ?? occurredAt,
            resolvedAt: resolved ? occurredAt : undefined,
            url: optionalString(body, 'event.data.html_url'),
            updatedAt: occurredAt,
          },
        },
      ],
    };
  },
};
