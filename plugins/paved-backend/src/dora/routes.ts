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
import { GuardedRouter, RouteContext } from '../http/routeGuard';
import { DoraService } from './DoraService';

/** What reading DORA metrics asks, for the routes and the action. */
export const DORA_READ_RULE = {
  permission: doraReadPermission,
  deniedMessage: 'Not allowed to read DORA metrics',
};

/**
 * The report of an entity, a team or a system: an entity's was decided on
 * the entity; a team's and a system's count the entities the caller's
 * decision covers.
 */
export async function doraReport(
  dora: DoraService,
  query: {
    entity?: string;
    group?: string;
    system?: string;
    from?: string;
    to?: string;
    days?: number;
  },
  visible: RouteContext['visible'],
) {
  const { entity, group, system, from, to, days } = query;
  return dora.report(
    { entity, group, system, from, to, days },
    { visibleEntityRefs: entity ? undefined : visibleRefs(await visible()) },
  );
}

/**
 * Adds `GET /v1/dora` and `GET /v1/dora/organisation`. An entity's report
 * is decided on that entity; a team's, a system's and the organisation's
 * count only the entities the caller's decision covers among those the
 * catalog shows them.
 */
export function registerDoraRoutes(router: GuardedRouter, dora: DoraService) {
  const rule = DORA_READ_RULE;

  router.get(
    '/v1/dora',
    {
      ...rule,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
      auditEventId: 'dora-read',
    },
    async (req, res, { visible }) => {
      res.json(await doraReport(dora, req.query, visible));
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
