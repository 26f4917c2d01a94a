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
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ApiRouter } from '@backstage/backend-openapi-utils';
import {
  deploymentCreatePermission,
  deploymentReadPermission,
  incidentCreatePermission,
} from '@paved/plugin-paved-common';
import { spec } from '../schema/openapi.generated';
import { createAuthorizer } from '../http/authorize';
import { LedgerService } from './LedgerService';

/**
 * Adds the ledger routes: `/v1/deployments` and `/v1/incidents`. Reading
 * needs `paved.deployment.read`; recording needs `paved.deployment.create`
 * or `paved.incident.create` and emits an auditor event.
 */
export function registerDeploymentRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    ledger: LedgerService;
  },
) {
  const { httpAuth, permissions, auditor, ledger } = options;

  const authorize = createAuthorizer(permissions);

  router.get('/v1/deployments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      deploymentReadPermission,
      'Not allowed to read deployments',
    );
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
  });

  router.get('/v1/deployments/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      deploymentReadPermission,
      'Not allowed to read deployments',
    );
    res.json(await ledger.getDeployment(req.params.id));
  });

  router.post('/v1/deployments', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      deploymentCreatePermission,
      'Not allowed to record deployments',
    );
    const event = await auditor.createEvent({
      eventId: 'deployment-record',
      request: req,
      meta: {
        source: req.body.source ?? 'api',
        externalId: req.body.externalId,
        entityRef: req.body.entityRef,
        subject: req.body.subject,
        environment: req.body.environment,
        status: req.body.status,
      },
    });
    try {
      const result = await ledger.recordDeployment(req.body);
      await event.success({
        meta: { deploymentId: result.deployment.id, created: result.created },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/v1/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      deploymentReadPermission,
      'Not allowed to read incidents',
    );
    const items = await ledger.listIncidents(
      {
        entityRef: req.query.entity,
        since: req.query.since,
        limit: req.query.limit,
      },
      credentials,
    );
    res.json({ items });
  });

  router.post('/v1/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      incidentCreatePermission,
      'Not allowed to record incidents',
    );
    const event = await auditor.createEvent({
      eventId: 'incident-record',
      request: req,
      meta: {
        source: req.body.source ?? 'api',
        externalId: req.body.externalId,
        entityRef: req.body.entityRef,
        subject: req.body.subject,
        status: req.body.status,
      },
    });
    try {
      const result = await ledger.recordIncident(req.body);
      await event.success({
        meta: { incidentId: result.incident.id, created: result.created },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });
}
