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
import { sloReadPermission } from '@paved/plugin-paved-common';
import { parseEntityParam } from '../adoption/AdoptionService';
import { GuardedRouter } from '../http/routeGuard';
import { SloService } from './SloService';

/** Adds `GET /v1/slos`: an entity's SLOs with error budget and burn rate. */
export function registerSloRoutes(router: GuardedRouter, slos: SloService) {
  router.get(
    '/v1/slos',
    {
      permission: sloReadPermission,
      resourceRef: req => parseEntityParam(req.query.entity),
      auditEventId: 'slo-read',
      deniedMessage: 'Not allowed to read SLOs',
      auditMeta: req => ({ entity: req.query.entity }),
    },
    async (req, res, { credentials }) => {
      const entityRef = parseEntityParam(req.query.entity);
      res.json(await slos.getReport(entityRef, credentials));
    },
  );
}
