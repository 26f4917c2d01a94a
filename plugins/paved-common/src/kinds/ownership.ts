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
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';

/** A relation as a catalog processor emits it. */
export type KindRelation = {
  source: CompoundEntityRef;
  type: string;
  target: CompoundEntityRef;
};

/**
 * The `ownedBy` / `ownerOf` pair between one of Paved's kinds (Survey,
 * RoadmapItem) and its owner, as the catalog's own processors emit it for
 * built-in kinds, so "owned by" lists and ownership permissions cover them.
 *
 * @public
 */
export function ownershipRelations(
  entity: Entity,
  ownerRef: string,
): KindRelation[] {
  const self = getCompoundEntityRef(entity);
  const owner = parseEntityRef(ownerRef, {
    defaultKind: 'group',
    defaultNamespace: self.namespace,
  });
  return [
    { source: self, type: RELATION_OWNED_BY, target: owner },
    { source: owner, type: RELATION_OWNER_OF, target: self },
  ];
}
