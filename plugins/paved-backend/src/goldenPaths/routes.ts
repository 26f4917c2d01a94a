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
import { goldenPathDriftReadPermission } from '@paved/plugin-paved-common';
import { GuardedRouter, RouteContext } from '../http/routeGuard';
import { GoldenPathDriftService } from './GoldenPathDriftService';

/** What reading the drift report asks, for the route and the action. */
export const DRIFT_READ_RULE = {
  permission: goldenPathDriftReadPermission,
  auditEventId: 'golden-path-drift-read',
  deniedMessage: 'Not allowed to read the golden-path drift report',
};

/** The drift report over the components the caller's decision covers. */
export async function driftReport(
  drift: GoldenPathDriftService,
  { credentials, visible }: RouteContext,
) {
  const components = await visible({ kind: 'component' });
  const refs = components.all
    ? undefined
    : new Set(components.entities.map(e => e.ref));
  return drift.getReport(credentials, refs ? ref => refs.has(ref) : undefined);
}

/**
 * Adds `GET /v1/golden-paths/drift`; it reads the catalog on behalf of the
 * caller and covers the components the caller's decision allows.
 */
export function registerGoldenPathRoutes(
  router: GuardedRouter,
  drift: GoldenPathDriftService,
) {
  router.get(
    '/v1/golden-paths/drift',
    DRIFT_READ_RULE,
    async (_req, res, context) => {
      res.json(await driftReport(drift, context));
    },
  );
}
