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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { useSharedQuery } from '../shared/useSharedQuery';

/** A processing error the catalog recorded for the entity or its source. */
export type ProcessingError = { entityRef: string; message: string };

const PROCESSING_ERROR = 'backstage.io/catalog-processing';

function errorsOf(entity: Entity): ProcessingError[] {
  const entityRef = stringifyEntityRef(entity);
  return ((entity as AlphaEntity).status?.items ?? [])
    .filter(item => item.type === PROCESSING_ERROR && item.level === 'error')
    .map(item => ({ entityRef, message: item.error?.message ?? item.message }));
}

/**
 * Errors from processing the entity and the locations it came from: a
 * broken Score file reports its problems on the Location that points at it,
 * while the catalog keeps serving the last good Component.
 */
export function useProcessingErrors(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const entityRef = stringifyEntityRef(entity);
  // Keyed by ref, not by the entity object: the entity page hands cards a
  // new object on every refresh, and each one used to ask again.
  return useSharedQuery(
    `catalog-ancestry:${entityRef}`,
    async () => {
      const { items } = await catalogApi.getEntityAncestors({ entityRef });
      return items.flatMap(item => errorsOf(item.entity));
    },
    [catalogApi],
  );
}
