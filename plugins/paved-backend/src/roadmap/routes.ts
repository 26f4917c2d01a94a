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
import { roadmapReadPermission } from '@paved/plugin-paved-common';
import { GuardedRouter } from '../http/routeGuard';
import { RoadmapService } from './RoadmapService';

/**
 * Adds `GET /v1/roadmap` (the items the caller's decision covers among
 * those the catalog shows them) and `GET /v1/roadmap/{namespace}/{name}`
 * (decided on that RoadmapItem entity).
 */
export function registerRoadmapRoutes(
  router: GuardedRouter,
  roadmap: RoadmapService,
) {
  const rule = {
    permission: roadmapReadPermission,
    deniedMessage: 'Not allowed to read the roadmap',
  };

  router.get(
    '/v1/roadmap',
    { ...rule, auditEventId: 'roadmap-read' },
    async (req, res, { credentials, visible }) => {
      const scope = await visible({ kind: 'RoadmapItem' });
      const refs = scope.all
        ? undefined
        : new Set(scope.entities.map(e => e.ref));
      res.json(
        await roadmap.list(credentials, {
          windowDays: req.query.windowDays,
          visible: refs && (ref => refs.has(ref)),
        }),
      );
    },
  );

  router.get(
    '/v1/roadmap/:namespace/:name',
    {
      ...rule,
      auditEventId: 'roadmap-item-read',
      resourceRef: req =>
        `roadmapitem:${req.params.namespace}/${req.params.name}`.toLocaleLowerCase(
          'en-US',
        ),
    },
    async (req, res, { credentials }) => {
      res.json(
        await roadmap.get(req.params.namespace, req.params.name, credentials, {
          windowDays: req.query.windowDays,
        }),
      );
    },
  );
}
