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
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** The orchestrator asked us to slow down (HTTP 429) and retries ran out. */
export class RateLimitedError extends CustomErrorBase {
  name = 'RateLimitedError' as const;
}

/** A request took longer than the configured timeout. */
export class OrchestratorTimeoutError extends CustomErrorBase {
  name = 'OrchestratorTimeoutError' as const;
}

/**
 * The orchestrator refused Paved's own credentials (HTTP 401 or 403). The
 * caller of Paved did nothing wrong and is not the one unauthorised, so
 * Paved answers 502 Bad Gateway (Backstage's error handler reads
 * `statusCode`) with a message naming the orchestrator, instead of passing
 * the 401/403 on as if it were the caller's.
 */
export class OrchestratorCredentialsError extends CustomErrorBase {
  name = 'OrchestratorCredentialsError' as const;
  readonly statusCode = 502;
  /** The orchestrator's own status, 401 or 403. */
  readonly orchestratorStatus: number;

  constructor(message: string, orchestratorStatus: number) {
    super(message);
    this.orchestratorStatus = orchestratorStatus;
  }
}

/**
 * Removes secrets from text that came back from the orchestrator or the
 * network stack before it goes into an error message: the given values
 * (token, age identity) wherever they appear, in any case, and anything
 * shaped like an age identity.
 */
export function redactSecrets(text: string, secrets: string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 8) {
      out = out.replace(
        new RegExp(secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'),
        '[redacted]',
      );
    }
  }
  return out.replace(/AGE-SECRET-KEY-1[0-9A-Z]*/gi, '[redacted]');
}

/**
 * Maps an HTTP answer of the Platform Orchestrator to a clear error. The
 * message names the operation and carries the orchestrator's own message
 * (its `Error.message`) with `secrets` and age identities redacted, never
 * request headers, the token or the logs identity.
 */
export function errorFromResponse(
  operation: string,
  status: number,
  body: { error?: string; message?: string } | undefined,
  secrets: string[] = [],
): Error {
  const detail = body?.message
    ? redactSecrets(
        `: ${body.message}${body.error ? ` (${body.error})` : ''}`,
        secrets,
      )
    : '';
  const what = `Platform Orchestrator ${operation} failed with ${status}${detail}`;
  switch (status) {
    case 400:
    case 422:
      return new InputError(what);
    case 401:
      return new OrchestratorCredentialsError(
        `${what}: the Platform Orchestrator rejected Paved's token. Check paved.orchestrators.humanitec.token: it is missing, expired or revoked.`,
        401,
      );
    case 403:
      return new OrchestratorCredentialsError(
        `${what}: the Platform Orchestrator refused Paved's token. The token's service user lacks a role for this in the organization.`,
        403,
      );
    case 404:
      return new NotFoundError(what);
    case 409:
      return new ConflictError(what);
    case 429:
      return new RateLimitedError(
        `${what}. Too many requests; try again later.`,
      );
    default:
      return status >= 500
        ? new ServiceUnavailableError(what)
        : new Error(what);
  }
}
