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
import { doraReadPermission } from '@paved/plugin-paved-common';
import { requestEntityRef, visibleRefs } from '../http/EntityAccess';
import { GuardedRouter } from '../http/routeGuard';
import { DoraService } from './DoraService';

/**
 * Adds `GET /v1/dora` and `GET /v1/dora/organisation`. An entity's report
 * is decided on that entity; a team's, a system's and the organisation's
 * count only the entities the caller's decision covers among those the
 * catalog shows them.
 */
export function registerDoraRoutes(router: GuardedRouter, dora: DoraService) {
  const rule = {
    permission: doraReadPermission,
    deniedMessage: 'Not allowed to read DORA metrics',
  };

  router.get(
    '/v1/dora',
    {
      ...rule,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
      auditEventId: 'dora-read',
    },
    async (req, res, { visible }) => {
      const query = {
        entity: req.query.entity,
        group: req.query.group,
        system: req.query.system,
        from: req.query.from,
        to: req.query.to,
        days: req.query.days,
      };
      res.json(
        await dora.report(query, {
          visibleEntityRefs: query.entity
            ? undefined
            : visibleRefs(await visible()),
        }),
      );
    },
  );

  router.get(
    '/v1/dora/organisation',
    { ...rule, auditEventId: 'dora-organisation-read' },
    async (req, res, { visible }) => {
      res.json(
        await dora.organisation(
          {
            from: req.query.from,
            to: req.query.to,
            days: req.query.days,
          },
          { visibleEntityRefs: visibleRefs(await visible()) },
        ),
      );
    },
  );
}
