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
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';

/*
 * Who may write which `source` of the ledger. A record's source is who sent
 * it, and (source, externalId) is its key, so a writer that could name
 * another's source could overwrite that writer's records:
 *
 *   github, gitlab, argocd, pagerduty   the signed webhook of that name
 *   generic, generic:<label>            the signed generic webhook
 *   orchestrator:<provider>             the orchestrator sync and deploy route
 *   api:<principal>[/<label>]           the REST API and CLI, per caller
 *   demo                                the demo data (inside the backend)
 */

/**
 * Ids of the signed webhook sources; each writes only its own source. Kept
 * here rather than read from the sources so the webhooks can import this
 * file (a test checks the two agree).
 */
export const WEBHOOK_SOURCE_IDS = [
  'github',
  'gitlab',
  'argocd',
  'pagerduty',
  'generic',
] as const;

/** A label a caller may add to its own source, e.g. the CI system's name. */
/**
 * The source of demo ledger records (the demo data module's deliveries):
 * no other writer may use it, so removing demo data removes exactly these.
 */
export const DEMO_RECORD_SOURCE = 'demo';

const LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * The writer that owns a source name, for error messages; undefined for a
 * plain label nobody reserved.
 */
export function reservedSourceOwner(source: string): string | undefined {
  if (source === 'generic' || source.startsWith('generic:')) {
    return 'the generic webhook';
  }
  if ((WEBHOOK_SOURCE_IDS as readonly string[]).includes(source)) {
    return `the ${source} webhook`;
  }
  if (source.startsWith('orchestrator:')) return 'the orchestrator sync';
  if (source === DEMO_RECORD_SOURCE) return 'the demo data';
  if (source === 'api' || source.startsWith('api:')) {
    return 'the REST API, per caller';
  }
  return undefined;
}

/**
 * The caller as a source: `api:user:default/jane` for a user,
 * `api:<subject>` for a service (`api:external:ci-deployments` for an
 * external access token, `api:plugin:scaffolder` for a plugin).
 */
export function callerSource(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `api:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `api:${principal.subject}`;
  }
  throw new NotAllowedError(
    'Only signed-in users and services can record to the ledger',
  );
}

/**
 * The source an API or CLI record is stored under: the caller's own, with
 * the requested name as a label (`jenkins` from `api:external:ci` becomes
 * `api:external:ci/jenkins`). Names another writer owns are refused.
 */
export function apiRecordSource(
  requested: string | undefined,
  credentials: BackstageCredentials,
): string {
  const own = callerSource(credentials);
  // "api" was the default before records were stored per caller.
  if (!requested || requested === 'api' || requested === own) return own;
  const owner = reservedSourceOwner(requested);
  if (owner) {
    throw new NotAllowedError(
      `source '${requested}' is written only by ${owner}; API and CLI records are stored under the caller's own source (${own}). Leave source out, or name your CI system (e.g. "jenkins") to store under ${own}/jenkins`,
    );
  }
  if (!LABEL.test(requested)) {
    throw new InputError(
      `source '${requested}' must be a label of a-z 0-9 . _ - (at most 64 characters); it is stored as ${own}/<label>`,
    );
  }
  return `${own}/${requested}`;
}

/**
 * The source a generic webhook delivery is stored under: `generic`, or
 * `generic:<label>` when the body names a source. Names another writer
 * owns are refused.
 */
export function genericWebhookSource(requested: string | undefined): string {
  if (!requested || requested === 'generic') return 'generic';
  if (requested.startsWith('generic:')) {
    return genericWebhookSource(requested.slice('generic:'.length));
  }
  const owner = reservedSourceOwner(requested);
  if (owner) {
    throw new InputError(
      `source '${requested}' is written only by ${owner}; a generic delivery is stored under generic:<label>, e.g. "source": "jenkins" for generic:jenkins`,
    );
  }
  if (!LABEL.test(requested)) {
    throw new InputError(
      `source '${requested}' must be a label of a-z 0-9 . _ - (at most 64 characters); it is stored as generic:<label>`,
    );
  }
  return `generic:${requested}`;
}
