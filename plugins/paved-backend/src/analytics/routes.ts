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
import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { analyticsRecordPermission } from '@paved/plugin-paved-common';
import { GuardedRouter } from '../http/routeGuard';
import { AnalyticsService } from './AnalyticsService';

/** Adds `POST /v1/analytics/page-views`, the portal's page-view beacon. */
export function registerAnalyticsRoutes(
  router: GuardedRouter,
  analytics: AnalyticsService,
) {
  router.post(
    '/v1/analytics/page-views',
    {
      permission: analyticsRecordPermission,
      // A person records their own views: the resource is their User entity.
      resourceRef: (_req, credentials) =>
        (credentials.principal as BackstageUserPrincipal).userEntityRef,
      auditEventId: 'analytics-page-views',
      severity: 'low',
      // Page views belong to a person: service tokens cannot record them.
      allow: ['user'],
      deniedMessage: 'Not allowed to record page views',
      auditMeta: req => ({ events: req.body.events.length }),
    },
    async (req, res, { credentials }) => {
      const result = await analytics.record(
        // `allow: ['user']` above: the guard let only users through.
        (credentials.principal as BackstageUserPrincipal).userEntityRef,
        req.body.events,
      );
      res.json(result);
      return { recorded: result.recorded, rejected: result.rejected.length };
    },
  );
}
