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
  deploymentCreatePermission,
  deploymentReadPermission,
  incidentCreatePermission,
  incidentReadPermission,
} from '@paved/plugin-paved-common';
import { EntityAccess, requestEntityRef } from '../http/EntityAccess';
import { GuardedRouter, RouteContext } from '../http/routeGuard';
import { LedgerService } from './LedgerService';
import { ledgerVisibility } from './visibleTo';

/** What listing deployments asks, for the route and the action. */
export const DEPLOYMENT_LIST_RULE = {
  permission: deploymentReadPermission,
  auditEventId: 'deployment-list',
  deniedMessage: 'Not allowed to read deployments',
};

/**
 * Deployments of the named entity (decided on it), else of the entities
 * the caller's decision covers.
 */
export async function listDeployments(
  ledger: LedgerService,
  query: {
    entity?: string;
    environment?: string;
    since?: string;
    limit?: number;
  },
  { credentials, visible }: RouteContext,
) {
  const items = await ledger.listDeployments(
    {
      entityRef: query.entity,
      environment: query.environment,
      since: query.since,
      limit: query.limit,
    },
    credentials,
    query.entity ? undefined : ledgerVisibility(await visible()),
  );
  return { items };
}

type RecordBody = Parameters<LedgerService['recordDeployment']>[0];

/**
 * The entity a record to be written belongs to: named, or the one entity
 * claiming its subject. Without one only an unconditional ALLOW writes.
 */
async function recordEntityRef(
  entities: EntityAccess,
  body: { entityRef?: string; subject?: string },
) {
  return (
    requestEntityRef(body.entityRef, 'entityRef') ??
    (await entities.entityForSubject(body.subject))
  );
}

/**
 * What recording a deployment asks, read from the record: the entity it
 * belongs to (named, or the one claiming its subject; without one only an
 * unconditional ALLOW writes) and its audit facts.
 */
export function deploymentRecordRule(entities: EntityAccess) {
  return {
    permission: deploymentCreatePermission,
    unconditionalOnly: true,
    auditEventId: 'deployment-record',
    deniedMessage: 'Not allowed to record deployments',
    resourceRef: (body: RecordBody) => recordEntityRef(entities, body),
    auditMeta: (body: RecordBody) => ({
      requestedSource: body.source,
      externalId: body.externalId,
      entityRef: body.entityRef,
      subject: body.subject,
      environment: body.environment,
      status: body.status,
    }),
  };
}

/** The success audit facts of a recorded deployment. */
export function recordedDeploymentMeta(
  result: Awaited<ReturnType<LedgerService['recordDeployment']>>,
) {
  return {
    deploymentId: result.deployment.id,
    source: result.deployment.source,
    created: result.created,
  };
}

/**
 * Adds the ledger routes: `/v1/deployments` and `/v1/incidents`. Every
 * decision is about the catalog entity a record belongs to: the one the
 * request names, or the one claiming its subject. Lists without an entity
 * are limited to the entities the caller's decision covers.
 */
export function registerDeploymentRoutes(
  router: GuardedRouter,
  ledger: LedgerService,
) {
  const { entities } = router;
  const recordEntity = (body: { entityRef?: string; subject?: string }) =>
    recordEntityRef(entities, body);

  router.get(
    '/v1/deployments',
    {
      ...DEPLOYMENT_LIST_RULE,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
    },
    async (req, res, context) => {
      res.json(await listDeployments(ledger, req.query, context));
    },
  );

  router.get(
    '/v1/deployments/:id',
    {
      permission: deploymentReadPermission,
      resourceRef: async req => {
        const deployment = await ledger.deployments.get(req.params.id);
        return (
          deployment?.entityRef ??
          (await entities.entityForSubject(deployment?.subject))
        );
      },
      // A record no entity claims (or none at all): unconditional readers.
      unconditionalOnly: true,
      auditEventId: 'deployment-read',
      deniedMessage: 'Not allowed to read deployments',
      auditMeta: req => ({ deploymentId: req.params.id }),
    },
    async (req, res) => {
      res.json(await ledger.getDeployment(req.params.id));
    },
  );

  const recordRule = deploymentRecordRule(entities);
  router.post(
    '/v1/deployments',
    {
      ...recordRule,
      resourceRef: req => recordRule.resourceRef(req.body),
      auditMeta: req => recordRule.auditMeta(req.body),
    },
    async (req, res, { credentials }) => {
      const result = await ledger.recordDeployment(req.body, credentials);
      res.json(result);
      return recordedDeploymentMeta(result);
    },
  );

  router.get(
    '/v1/incidents',
    {
      permission: incidentReadPermission,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
      auditEventId: 'incident-list',
      deniedMessage: 'Not allowed to read incidents',
    },
    async (req, res, { credentials, visible }) => {
      const items = await ledger.listIncidents(
        {
          entityRef: req.query.entity,
          since: req.query.since,
          limit: req.query.limit,
        },
        credentials,
        req.query.entity ? undefined : ledgerVisibility(await visible()),
      );
      res.json({ items });
    },
  );

  router.post(
    '/v1/incidents',
    {
      permission: incidentCreatePermission,
      resourceRef: req => recordEntity(req.body),
      unconditionalOnly: true,
      auditEventId: 'incident-record',
      deniedMessage: 'Not allowed to record incidents',
      auditMeta: req => ({
        requestedSource: req.body.source,
        externalId: req.body.externalId,
        entityRef: req.body.entityRef,
        subject: req.body.subject,
        status: req.body.status,
      }),
    },
    async (req, res, { credentials }) => {
      const result = await ledger.recordIncident(req.body, credentials);
      res.json(result);
      return {
        incidentId: result.incident.id,
        source: result.incident.source,
        created: result.created,
      };
    },
  );
}
