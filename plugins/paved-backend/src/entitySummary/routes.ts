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
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { requestEntityRef } from '../http/EntityAccess';
import { GuardedRouter } from '../http/routeGuard';
import { EntitySummaryService } from './EntitySummaryService';

/**
 * Adds `GET /v1/entity-summary`. The route is decided on the catalog's own
 * read permission for the entity (whatever the catalog hides, Paved does
 * not summarise); each part is then decided on its own Paved permission.
 */
export function registerEntitySummaryRoutes(
  router: GuardedRouter,
  summaries: EntitySummaryService,
) {
  router.get(
    '/v1/entity-summary',
    {
      permission: catalogEntityReadPermission,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
      // A summary is always about one entity.
      unconditionalOnly: true,
      auditEventId: 'entity-summary-read',
      deniedMessage: 'Not allowed to read this entity',
      auditMeta: req => ({ entity: req.query.entity }),
    },
    async (req, res, { credentials }) => {
      const entityRef = requestEntityRef(req.query.entity, 'entity')!;
      const summary = await summaries.summary(entityRef, credentials);
      res.json(summary);
      return {
        notAllowed: Object.entries(summary)
          .filter(([, part]) => (part as any)?.notAllowed === true)
          .map(([name]) => name),
      };
    },
  );
}
