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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Deployment,
  DEPLOYMENT_STATUSES,
  entityLinkKeys,
  Incident,
  ListDeploymentsQuery,
  PAVED_LINK_ANNOTATIONS,
  RecordDeploymentRequest,
  RecordDeploymentResult,
  RecordIncidentRequest,
  RecordIncidentResult,
} from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import {
  DeploymentInput,
  DeploymentStore,
  IncidentInput,
  IncidentStore,
  parseTime,
} from '.';
import { recordDoraDeploymentFields } from '../dora/ledgerFields';
import { apiRecordSource } from './recordSources';
import {
  checkDeploymentFits,
  checkIncidentFits,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  requireHttpUrl,
  requireNotFuture,
} from './recordChecks';
import { LedgerVisibility } from './visibleTo';

/**
 * The deployment and incident ledger behind the REST API, the CLI, the
 * webhooks and the orchestrator sync: validation, entity linking and the
 * stores. Records from the REST API are stored under the caller's own
 * source (see recordSources.ts).
 */
export class LedgerService {
  readonly deployments: DeploymentStore;
  readonly incidents: IncidentStore;

  constructor(
    private readonly options: {
      db: Knex;
      catalog: CatalogService;
      /** How far past now a record's times may be; default 300 s. */
      maxClockSkewSeconds?: number;
      now?: () => Date;
    },
  ) {
    this.deployments = new DeploymentStore(options.db);
    this.incidents = new IncidentStore(options.db);
  }

  /**
   * Checks and normalises a deployment from the API, stored under the
   * caller's source (`api:<principal>`, or `api:<principal>/<label>`).
   */
  toDeploymentInput(
    request: RecordDeploymentRequest,
    credentials: BackstageCredentials,
  ): DeploymentInput {
    const source = apiRecordSource(request.source, credentials);
    const entityRef = normaliseEntityRef(request.entityRef, 'entityRef');
    if (!entityRef && !request.subject) {
      throw new InputError(
        'entityRef or subject is required: name the catalog entity (component:default/checkout) or a link key (github.com/project-slug=acme/checkout)',
      );
    }
    if (!DEPLOYMENT_STATUSES.includes(request.status)) {
      throw new InputError(
        `status must be one of ${DEPLOYMENT_STATUSES.join(', ')}`,
      );
    }
    const now = this.now();
    const startedAt = this.notFuture(request.startedAt, 'startedAt') ?? now;
    const finishedAt = this.notFuture(request.finishedAt, 'finishedAt');
    if (finishedAt && finishedAt < startedAt) {
      throw new InputError('finishedAt is before startedAt');
    }
    const changes = (request.changes ?? []).map((c, i) => ({
      sha: c.sha,
      author: c.author,
      authoredAt: parseTime(c.authoredAt, `changes[${i}].authoredAt`),
      committedAt: parseTime(c.committedAt, `changes[${i}].committedAt`),
      message: c.message,
    }));
    const input: DeploymentInput = {
      source,
      externalId: request.externalId,
      entityRef,
      subject: request.subject?.trim(),
      environment: request.environment,
      production: request.production ?? /^prod/i.test(request.environment),
      version: request.version,
      commitSha: request.commitSha,
      status: request.status,
      startedAt,
      finishedAt,
      url: requireHttpUrl(request.url, 'url'),
      message: request.message,
      // A caller's later call wins unless it says when the source changed.
      updatedAt: this.notFuture(request.updatedAt, 'updatedAt') ?? now,
      changes,
    };
    checkDeploymentFits(input);
    return input;
  }

  async recordDeployment(
    request: RecordDeploymentRequest,
    credentials: BackstageCredentials,
  ): Promise<RecordDeploymentResult> {
    const input = this.toDeploymentInput(request, credentials);
    const { deployment, created } = await this.options.db.transaction(
      async tx => {
        const result = await this.deployments.record(input, tx);
        // Fields only the DORA metrics read (pipeline run, rolled back).
        await recordDoraDeploymentFields(tx, result.deployment.id, request);
        return result;
      },
    );
    return { deployment, created };
  }

  /**
   * Checks and normalises an incident, stored under the caller's source;
   * resolves `deployment` to a ledger id.
   */
  async toIncidentInput(
    request: RecordIncidentRequest,
    credentials: BackstageCredentials,
    db: Knex = this.options.db,
  ): Promise<IncidentInput> {
    const entityRef = normaliseEntityRef(request.entityRef, 'entityRef');
    if (!entityRef && !request.subject) {
      throw new InputError(
        'entityRef or subject is required: name the catalog entity or a link key (pagerduty.com/service-id=PXXXXXX)',
      );
    }
    const source = apiRecordSource(request.source, credentials);
    const now = this.now();
    const openedAt = this.notFuture(request.openedAt, 'openedAt') ?? now;
    const resolvedAt = this.notFuture(request.resolvedAt, 'resolvedAt');
    const status = request.status ?? (resolvedAt ? 'resolved' : 'open');
    let deploymentId: string | undefined;
    if (request.deployment) {
      const byId = await db('paved_deployments')
        .where({ id: request.deployment })
        .first('id');
      const found =
        byId ??
        (await db('paved_deployments')
          .where({ source, external_id: request.deployment })
          .first('id'));
      if (!found) {
        throw new InputError(
          `deployment '${request.deployment}' is neither a ledger id nor an externalId from source '${source}'`,
        );
      }
      deploymentId = found.id;
    }
    const input: IncidentInput = {
      source,
      externalId: request.externalId,
      entityRef,
      subject: request.subject?.trim(),
      title: request.title,
      severity: request.severity,
      status,
      openedAt,
      resolvedAt: status === 'resolved' ? resolvedAt ?? now : undefined,
      deploymentId,
      url: requireHttpUrl(request.url, 'url'),
      updatedAt: this.notFuture(request.updatedAt, 'updatedAt') ?? now,
    };
    checkIncidentFits(input);
    return input;
  }

  async recordIncident(
    request: RecordIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<RecordIncidentResult> {
    const { incident, created } = await this.incidents.record(
      await this.toIncidentInput(request, credentials),
    );
    return { incident, created };
  }

  async listDeployments(
    query: ListDeploymentsQuery,
    credentials: BackstageCredentials,
    visibleTo?: LedgerVisibility,
  ): Promise<Deployment[]> {
    const link = await this.linkFilter(query.entityRef, credentials);
    return this.deployments.list({
      ...link,
      visibleTo,
      environment: query.environment,
      since: parseTime(query.since, 'since'),
      limit: query.limit,
    });
  }

  async getDeployment(id: string): Promise<Deployment> {
    const deployment = await this.deployments.get(id);
    if (!deployment) {
      throw new NotFoundError(`No deployment with id '${id}'`);
    }
    return deployment;
  }

  async listIncidents(
    query: { entityRef?: string; since?: string; limit?: number },
    credentials: BackstageCredentials,
    visibleTo?: LedgerVisibility,
  ): Promise<Incident[]> {
    const link = await this.linkFilter(query.entityRef, credentials);
    return this.incidents.list({
      ...link,
      visibleTo,
      since: parseTime(query.since, 'since'),
      limit: query.limit,
    });
  }

  /**
   * Links records of link keys no entity had claimed to the entity that
   * claims them now. Run by a scheduled task; reads the catalog with the
   * plugin's own credentials.
   */
  async linkUnclaimed(credentials: BackstageCredentials): Promise<number> {
    const subjects = (await this.deployments.unlinkedSubjects()).filter(
      s => !s.startsWith('paved.dev/entity='),
    );
    if (!subjects.length) return 0;
    // One catalog query for every entity carrying a link annotation; the
    // keys are computed (and normalised) the same way as at read time.
    const { items } = await this.options.catalog.getEntities(
      {
        filter: PAVED_LINK_ANNOTATIONS.map(annotation => ({
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const claimants = new Map<string, Set<string>>();
    for (const entity of items) {
      const ref = stringifyEntityRef(entity);
      for (const key of entityLinkKeys(entity)) {
        const set = claimants.get(key) ?? new Set<string>();
        set.add(ref);
        claimants.set(key, set);
      }
    }
    let linked = 0;
    for (const subject of subjects) {
      const refs = claimants.get(subject);
      // Two entities claiming one repository is ambiguous: leave it to the
      // read-time match rather than guess.
      if (refs?.size === 1) {
        linked += await this.deployments.linkSubject(subject, [...refs][0]);
      }
    }
    return linked;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Parses a request time and refuses one beyond the clock skew. */
  private notFuture(value: string | undefined, field: string) {
    return requireNotFuture(parseTime(value, field), field, {
      now: this.now(),
      maxSkewMs:
        (this.options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS) *
        1000,
    });
  }

  private async linkFilter(
    entityRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<{ entityRef?: string; linkKeys?: string[] }> {
    const ref = normaliseEntityRef(entityRef, 'entity');
    if (!ref) return {};
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    return { entityRef: ref, linkKeys: entity ? entityLinkKeys(entity) : [] };
  }
}

function normaliseEntityRef(
  ref: string | undefined,
  field: string,
): string | undefined {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `${field} '${ref}' is not an entity ref: ${(error as Error).message}`,
    );
  }
}
