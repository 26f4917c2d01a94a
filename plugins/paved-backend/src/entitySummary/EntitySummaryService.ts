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
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  deploymentReadPermission,
  doraReadPermission,
  EntityPavedSummary,
  entityScoresReadPermission,
  incidentReadPermission,
  NotAllowedPart,
} from '@paved/plugin-paved-common';
import { AdoptionService } from '../adoption/AdoptionService';
import { LedgerService } from '../deployments/LedgerService';
import { DoraService } from '../dora/DoraService';

/** How many of the newest deployments and open incidents the summary lists. */
export const SUMMARY_ITEMS = 5;
/** Open incidents are counted among this many of the entity's newest. */
const INCIDENTS_SCANNED = 200;

/** Each part of the summary and the permission that decides it. */
const PARTS = {
  dora: doraReadPermission,
  scores: entityScoresReadPermission,
  deployments: deploymentReadPermission,
  incidents: incidentReadPermission,
} as const;
type Part = keyof typeof PARTS;

/**
 * An entity's Paved summary in one answer, so an entity page asks Paved
 * once instead of once per card. Every part is decided on its own
 * permission for the entity, in one batched decision; a refused part is a
 * NotAllowedPart and the others stand. Only the parts allowed are read.
 */
export class EntitySummaryService {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      dora: DoraService;
      adoption: AdoptionService;
      ledger: LedgerService;
    },
  ) {}

  async summary(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityPavedSummary> {
    const { permissions, catalog, dora, adoption, ledger } = this.deps;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const parts = Object.keys(PARTS) as Part[];
    const decisions = await permissions.authorize(
      parts.map(part => ({ permission: PARTS[part], resourceRef: entityRef })),
      { credentials },
    );
    const allowed = new Set(
      parts.filter((_part, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
    const when = <T>(
      part: Part,
      read: () => Promise<T>,
    ): Promise<T | NotAllowedPart> =>
      allowed.has(part)
        ? read()
        : Promise.resolve({
            notAllowed: true as const,
            permission: PARTS[part].name,
          });

    const [doraPart, scores, deployments, incidents] = await Promise.all([
      when('dora', () => dora.report({ entity: entityRef })),
      when('scores', () => adoption.getEntityScores(entityRef, credentials)),
      when('deployments', async () => ({
        items: await ledger.listDeployments(
          { entityRef, limit: SUMMARY_ITEMS },
          credentials,
        ),
      })),
      when('incidents', async () => {
        const open = (
          await ledger.listIncidents(
            { entityRef, limit: INCIDENTS_SCANNED },
            credentials,
          )
        ).filter(incident => incident.status === 'open');
        return { open: open.length, items: open.slice(0, SUMMARY_ITEMS) };
      }),
    ]);
    return { entityRef, dora: doraPart, scores, deployments, incidents };
  }
}
