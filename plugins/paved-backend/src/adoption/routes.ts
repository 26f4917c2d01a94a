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
  adoptionReadPermission,
  adoptionRefreshPermission,
  analyticsRecordPermission,
  entityScoresReadPermission,
  sloReadPermission,
} from '@paved/plugin-paved-common';
import { spec } from '../schema/openapi.generated';
import { createAuthorizer } from '../http/authorize';
import { SloService } from '../slos/SloService';
import { AdoptionEngine } from './AdoptionEngine';
import { AdoptionService, parseEntityParam } from './AdoptionService';
import { AnalyticsService } from '../analytics/AnalyticsService';

/**
 * Adds the adoption routes: `/v1/adoption` (+ `/refresh`), `/v1/scores`,
 * `/v1/slos` and `/v1/analytics/page-views`.
 */
export function registerAdoptionRoutes(
  router: ApiRouter<typeof spec>,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    engine: AdoptionEngine;
    adoption: AdoptionService;
    slos: SloService;
    analytics: AnalyticsService;
  },
) {
  const { httpAuth, permissions, auditor } = options;

  const authorize = createAuthorizer(permissions);

  router.get('/v1/adoption', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      adoptionReadPermission,
      'Not allowed to read the adoption report',
    );
    res.json(await options.adoption.getReport(credentials));
  });

  router.post('/v1/adoption/refresh', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      adoptionRefreshPermission,
      'Not allowed to recompute the adoption facts',
    );
    const event = await auditor.createEvent({
      eventId: 'adoption-refresh',
      severityLevel: 'low',
      request: req,
    });
    try {
      const { timings, ...result } = await options.engine.run();
      await event.success({ meta: { ...result } });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/v1/scores', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(
      credentials,
      entityScoresReadPermission,
      'Not allowed to read scores',
    );
    const entityRef = parseEntityParam(req.query.entity);
    res.json(await options.adoption.getEntityScores(entityRef, credentials));
  });

  router.get('/v1/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await authorize(credentials, sloReadPermission, 'Not allowed to read SLOs');
    const entityRef = parseEntityParam(req.query.entity);
    res.json(await options.slos.getReport(entityRef, credentials));
  });

  router.post('/v1/analytics/page-views', async (req, res) => {
    // Page views belong to a person: service tokens cannot record them.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    await authorize(
      credentials,
      analyticsRecordPermission,
      'Not allowed to record page views',
    );
    const event = await auditor.createEvent({
      eventId: 'analytics-page-views',
      severityLevel: 'low',
      request: req,
      meta: { events: req.body.events.length },
    });
    try {
      const result = await options.analytics.record(
        credentials.principal.userEntityRef,
        req.body.events,
      );
      await event.success({
        meta: { recorded: result.recorded, rejected: result.rejected.length },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });
}
