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
} from '@paved/plugin-paved-common';
import { GuardedRouter } from '../http/routeGuard';
import { LedgerService } from './LedgerService';

/**
 * Adds the ledger routes: `/v1/deployments` and `/v1/incidents`. Reading
 * needs `paved.deployment.read`; recording needs `paved.deployment.create`
 * or `paved.incident.create`.
 */
export function registerDeploymentRoutes(
  router: GuardedRouter,
  ledger: LedgerService,
) {
  router.get(
    '/v1/deployments',
    {
      permission: deploymentReadPermission,
      auditEventId: 'deployment-list',
      deniedMessage: 'Not allowed to read deployments',
    },
    async (req, res, { credentials }) => {
      const items = await ledger.listDeployments(
        {
          entityRef: req.query.entity,
          environment: req.query.environment,
          since: req.query.since,
          limit: req.query.limit,
        },
        credentials,
      );
      res.json({ items });
    },
  );

  router.get(
    '/v1/deployments/:id',
    {
      permission: deploymentReadPermission,
      auditEventId: 'deployment-read',
      deniedMessage: 'Not allowed to read deployments',
      auditMeta: req => ({ deploymentId: req.params.id }),
    },
    async (req, res) => {
      res.json(await ledger.getDeployment(req.params.id));
    },
  );

  router.post(
    '/v1/deployments',
    {
      permission: deploymentCreatePermission,
      auditEventId: 'deployment-record',
      deniedMessage: 'Not allowed to record deployments',
      auditMeta: req => ({
        requestedSource: req.body.source,
        externalId: req.body.externalId,
        entityRef: req.body.entityRef,
        subject: req.body.subject,
        environment: req.body.environment,
        status: req.body.status,
      }),
    },
    async (req, res, { credentials }) => {
      const result = await ledger.recordDeployment(req.body, credentials);
      res.json(result);
      return {
        deploymentId: result.deployment.id,
        source: result.deployment.source,
        created: result.created,
      };
    },
  );

  router.get(
    '/v1/incidents',
    {
      permission: deploymentReadPermission,
      auditEventId: 'incident-list',
      deniedMessage: 'Not allowed to read incidents',
    },
    async (req, res, { credentials }) => {
      const items = await ledger.listIncidents(
        {
          entityRef: req.query.entity,
          since: req.query.since,
          limit: req.query.limit,
        },
        credentials,
      );
      res.json({ items });
    },
  );

  router.post(
    '/v1/incidents',
    {
      permission: incidentCreatePermission,
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
