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
import { AuditorService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { NewDelivery, WebhookDeliveryStore } from '../WebhookDeliveryStore';
import { DeploymentsConfig } from '../config';
import {
  checkDeliveryFits,
  checkDeploymentFits,
  checkIncidentFits,
  checkPushFits,
} from '../recordChecks';
import { requireObject } from './read';
import { webhookSources } from './sources';
import {
  LedgerAction,
  WebhookOptions,
  WebhookRequest,
  WebhookSource,
} from './types';
import { WebhookProcessor } from './WebhookProcessor';
import { DeliveryBatcher } from './DeliveryBatcher';

/** Largest accepted body; GitHub caps payloads at 25 MB, real ones are far smaller. */
const BODY_LIMIT = '5mb';

/** What the admission step hands the handler. */
type Admitted = { source: WebhookSource; secrets: string[] };

/**
 * `POST /v1/webhooks/:source`: refuses unknown and unconfigured sources and
 * a full intake before reading the body, verifies the sender's signature
 * against the raw bytes, checks the payload (including that every value
 * fits its column), stores the delivery (batched with concurrent ones) and
 * only then answers 202. The route is exempt from Backstage authentication
 * (the deployments feature declares it self-authenticated); the signature
 * is its authentication.
 */
export function createWebhookRouter(options: {
  webhooks: DeploymentsConfig['webhooks'];
  deliveries: WebhookDeliveryStore;
  processor: WebhookProcessor;
  auditor: AuditorService;
}): express.Router {
  const { webhooks, deliveries, processor, auditor } = options;
  const batcher = new DeliveryBatcher(deliveries);
  const router = Router();
  // Deliveries admitted and not answered yet: their bodies are being read,
  // checked or stored. Bounded, so a flood cannot exhaust memory.
  let inProgress = 0;

  router.post(
    '/v1/webhooks/:source',
    async (req, res, next) => {
      const source = webhookSources[req.params.source];
      if (!source) {
        throw new NotFoundError(
          `Unknown webhook source '${
            req.params.source
          }'; use one of ${Object.keys(webhookSources).join(', ')}`,
        );
      }
      const secret = webhooks.secrets.get(source.id);
      if (!secret) {
        throw new NotFoundError(
          `Webhook source '${source.id}' is not configured: set paved.webhooks.${source.id}.secret`,
        );
      }
      const { maxQueued, retryAfterSeconds } = webhooks.intake;
      if (inProgress >= maxQueued) {
        res.set('Retry-After', String(retryAfterSeconds));
        throw new ServiceUnavailableError(
          `The webhook intake is full (${inProgress} deliveries in progress, paved.webhooks.intake.maxQueued); retry after ${retryAfterSeconds} s`,
        );
      }
      inProgress++;
      let released = false;
      const release = () => {
        if (!released) {
          released = true;
          inProgress--;
        }
      };
      res.once('finish', release);
      res.once('close', release);
      res.locals.webhook = {
        source,
        secrets: [secret, ...(webhooks.previousSecrets.get(source.id) ?? [])],
      } satisfies Admitted;
      next();
    },
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    async (req, res) => {
      const { source, secrets } = res.locals.webhook as Admitted;
      const rawBody: Buffer = Buffer.isBuffer(req.body)
        ? req.body
        : Buffer.alloc(0);
      const { delivery, actions, ignored } = admitDelivery(
        source,
        { headers: req.headers, rawBody },
        secrets,
        webhooks,
      );
      const { deliveryId, event } = delivery;

      const stored = await batcher.accept(delivery);
      if (!stored.duplicate) {
        const audit = await auditor.createEvent({
          eventId: 'webhook-delivery',
          severityLevel: 'low',
          meta: {
            source: source.id,
            delivery: deliveryId,
            event,
            actions: actions.map(a => a.type),
            ignored,
          },
        });
        await audit.success();
        processor.kick();
      }
      res.status(202).json({
        delivery: deliveryId,
        duplicate: stored.duplicate,
        status: stored.status,
      });
    },
  );

  return router;
}

function verifyWithAny(
  source: WebhookSource,
  request: WebhookRequest,
  secrets: string[],
  options: WebhookOptions,
) {
  let firstError: unknown;
  for (const secret of secrets) {
    try {
      source.verify(request, secret, options);
      return;
    } catch (error) {
      // The message of the current secret's check is the one to report.
      firstError ??= error;
    }
  }
  throw firstError;
}

/**
 * The intake's checks of one delivery, before it is stored: verifies the
 * signature against the raw bytes, reads and identifies the body, checks
 * that its values fit their columns and that it can be interpreted. Throws
 * `AuthenticationError` or `InputError` with the reason. The intake route
 * and the demo data's in-process deliveries both go through it.
 */
export function admitDelivery(
  source: WebhookSource,
  request: WebhookRequest,
  secret: string | string[],
  options: WebhookOptions,
): { delivery: NewDelivery; actions: LedgerAction[]; ignored?: string } {
  // Authenticate before reading anything from the body: the current secret,
  // then those still accepted while a rotation is under way.
  verifyWithAny(source, request, [secret].flat(), options);

  const body = parseBody(request.headers['content-type'], request.rawBody);
  const { deliveryId, event } = source.identify(request, body);
  const delivery = {
    source: source.id,
    deliveryId,
    event,
    payload: JSON.stringify(body),
  };
  // A value the database cannot hold fails this delivery only, here,
  // instead of the insert it would share with concurrent deliveries.
  checkDeliveryFits(delivery);
  // Reject what can never be processed now, with the reason, rather
  // than accepting it and failing later.
  const { actions, ignored } = source.interpret(event, body, options);
  checkActionsFit(actions);
  return { delivery, actions, ignored };
}

/** Every value of a delivery's ledger records fits its column. */
function checkActionsFit(actions: LedgerAction[]) {
  for (const action of actions) {
    if (action.type === 'deployment') {
      checkDeploymentFits(action.deployment, 'Payload deployment ');
    } else if (action.type === 'incident') {
      checkIncidentFits(action.incident, 'Payload incident ');
    } else if (action.type === 'push') {
      checkPushFits(action.push, 'Payload push ');
    } else if (action.type === 'changes') {
      checkPushFits(
        { subject: action.subject, commits: action.changes },
        'Payload ',
      );
    }
  }
}

function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  if (!raw.length) throw new InputError('Empty body: expected a JSON object');
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  let text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') {
    // GitHub's optional form encoding: the JSON is in the payload field.
    const payload = new URLSearchParams(text).get('payload');
    if (!payload) throw new InputError('Form body has no payload field');
    text = payload;
  } else if (type && type !== 'application/json' && !type.endsWith('+json')) {
    throw new InputError(
      `Content-Type must be application/json, not '${type}'`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new InputError(`Body is not valid JSON: ${(error as Error).message}`);
  }
  return requireObject(body, 'Body');
}
