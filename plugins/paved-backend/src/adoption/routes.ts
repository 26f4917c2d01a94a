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
  adoptionReadPermission,
  adoptionRefreshPermission,
  entityScoresReadPermission,
} from '@paved/plugin-paved-common';
import { visibleRefs } from '../http/EntityAccess';
import { GuardedRouter } from '../http/routeGuard';
import { AdoptionEngine } from './AdoptionEngine';
import { AdoptionService, parseEntityParam } from './AdoptionService';

/** What reading an entity's scores asks, for the route and the action. */
export const ENTITY_SCORES_RULE = {
  permission: entityScoresReadPermission,
  auditEventId: 'adoption-scores-read',
  deniedMessage: 'Not allowed to read scores',
};

/**
 * Adds the adoption routes: `/v1/adoption` (+ `/refresh`) and
 * `/v1/adoption/scores`.
 */
export function registerAdoptionRoutes(
  router: GuardedRouter,
  options: { engine: AdoptionEngine; adoption: AdoptionService },
) {
  const { engine, adoption } = options;

  router.get(
    '/v1/adoption',
    {
      permission: adoptionReadPermission,
      auditEventId: 'adoption-read',
      deniedMessage: 'Not allowed to read the adoption report',
    },
    async (_req, res, { credentials, visible }) => {
      const components = await visible({ kind: 'component' });
      res.json(
        await adoption.getReport(
          credentials,
          new Date(),
          visibleRefs(components),
        ),
      );
    },
  );

  router.post(
    '/v1/adoption/refresh',
    {
      permission: adoptionRefreshPermission,
      // One run recomputes every component.
      unconditionalOnly: true,
      auditEventId: 'adoption-refresh',
      severity: 'low',
      deniedMessage: 'Not allowed to recompute the adoption facts',
    },
    async (_req, res) => {
      const { timings, ...result } = await engine.run();
      res.json(result);
      return { ...result };
    },
  );

  router.get(
    '/v1/adoption/scores',
    {
      ...ENTITY_SCORES_RULE,
      resourceRef: req => parseEntityParam(req.query.entity),
      auditMeta: req => ({ entity: req.query.entity }),
    },
    async (req, res, { credentials }) => {
      const entityRef = parseEntityParam(req.query.entity);
      res.json(await adoption.getEntityScores(entityRef, credentials));
    },
  );
}
