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
import type { ChangeInput, DeploymentInput } from './DeploymentStore';
import type { IncidentInput } from './IncidentStore';
import type { NewDelivery } from './WebhookDeliveryStore';

/**
 * Column sizes of the ledger and the webhook inbox, as the migrations
 * create them. PostgreSQL refuses longer values (SQLite stores them), so
 * every writer checks against these first and answers 400 for the one
 * record rather than failing a statement other records share.
 */
export const LEDGER_COLUMN_LIMITS = {
  deployment: {
    source: 255,
    externalId: 255,
    entityRef: 255,
    subject: 512,
    environment: 255,
    version: 255,
    commitSha: 64,
  },
  change: { sha: 64, author: 255 },
  incident: {
    source: 255,
    externalId: 255,
    entityRef: 255,
    subject: 512,
    severity: 32,
  },
  delivery: { source: 32, deliveryId: 255, event: 128 },
  push: { subject: 512, ref: 255, before: 64, after: 64 },
} as const;

function checkLengths(
  what: string,
  values: Record<string, unknown>,
  limits: Record<string, number>,
) {
  for (const [field, max] of Object.entries(limits)) {
    const value = values[field];
    if (typeof value === 'string' && value.length > max) {
      throw new InputError(
        `${what}${field} is ${value.length} characters long; at most ${max} are stored`,
      );
    }
  }
}

/** Throws an InputError naming the first field the ledger cannot hold. */
export function checkDeploymentFits(
  deployment: DeploymentInput,
  what = '',
): void {
  checkLengths(what, deployment, LEDGER_COLUMN_LIMITS.deployment);
  (deployment.changes ?? []).forEach((change: ChangeInput, i) =>
    checkLengths(`${what}changes[${i}].`, change, LEDGER_COLUMN_LIMITS.change),
  );
}

/** Throws an InputError naming the first field the ledger cannot hold. */
export function checkIncidentFits(incident: IncidentInput, what = ''): void {
  checkLengths(what, incident, LEDGER_COLUMN_LIMITS.incident);
}

/** Throws an InputError naming the first field the commit history cannot hold. */
export function checkPushFits(
  push: { commits: ChangeInput[] } & Record<string, unknown>,
  what = '',
): void {
  checkLengths(what, push, LEDGER_COLUMN_LIMITS.push);
  push.commits.forEach((commit, i) =>
    checkLengths(`${what}commits[${i}].`, commit, LEDGER_COLUMN_LIMITS.change),
  );
}

/** Throws an InputError naming the first header value the inbox cannot hold. */
export function checkDeliveryFits(delivery: NewDelivery): void {
  const limits = LEDGER_COLUMN_LIMITS.delivery;
  if (delivery.deliveryId.length > limits.deliveryId) {
    throw new InputError(
      `Delivery id is ${delivery.deliveryId.length} characters long; at most ${limits.deliveryId} are stored`,
    );
  }
  if (delivery.event.length > limits.event) {
    throw new InputError(
      `Event name is ${delivery.event.length} characters long; at most ${limits.event} are stored`,
    );
  }
}

/** Whether a link may be shown as one: only http and https. */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** An optional url field of a request: http(s) or a 400. */
export function requireHttpUrl(
  value: string | undefined,
  field: string,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (!isHttpUrl(value)) {
    throw new InputError(
      `${field} must be an absolute http or https URL, not '${value.slice(
        0,
        80,
      )}'`,
    );
  }
  return value;
}

/** Default of `paved.deployments.maxClockSkewSeconds`. */
export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Refuses a time further in the future than the allowed clock skew: a
 * record's `updatedAt` orders its updates, so one far ahead would freeze
 * the record against every later update.
 */
export function requireNotFuture(
  value: Date | undefined,
  field: string,
  options: { maxSkewMs: number; now: Date },
): Date | undefined {
  if (value && value.getTime() > options.now.getTime() + options.maxSkewMs) {
    throw new InputError(
      `${field} ${value.toISOString()} is in the future; at most ${Math.round(
        options.maxSkewMs / 1000,
      )} s of clock skew are accepted (paved.deployments.maxClockSkewSeconds)`,
    );
  }
  return value;
}
