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
import { InputError } from '@backstage/errors';
import { deploymentReadPermission } from '@paved/plugin-paved-common';
import { requestEntityRef } from '../http/EntityAccess';
import { GuardedRouter } from '../http/routeGuard';
import { PreviewRecord, PreviewStore } from './PreviewStore';

/** The entity a previews request names; required. */
function entityOf(value: string | undefined): string {
  const ref = requestEntityRef(value, 'entity');
  if (!ref)
    throw new InputError(
      'entity is required, e.g. ?entity=component:default/checkout',
    );
  return ref;
}

/**
 * `GET /v1/previews?entity=`: the entity's pull-request previews, read
 * with `paved.deployment.read` on that entity (a preview is a deployment).
 */
export function registerPreviewRoutes(
  router: GuardedRouter,
  store: PreviewStore,
) {
  router.get(
    '/v1/previews',
    {
      permission: deploymentReadPermission,
      resourceRef: req => entityOf(req.query.entity),
      auditEventId: 'preview-list',
      deniedMessage: 'Not allowed to read the deployments of this entity',
      auditMeta: req => ({ entity: req.query.entity }),
    },
    async (req, res) => {
      const items = await store.listForEntity(entityOf(req.query.entity));
      res.json({ items: items.map(toApi) });
    },
  );
}

/** The API shape: the reconciler's bookkeeping (lease, report ids) stays inside. */
function toApi(p: PreviewRecord) {
  const {
    reportId: _reportId,
    reportSha: _reportSha,
    attempts: _attempts,
    ...rest
  } = p;
  return rest;
}
