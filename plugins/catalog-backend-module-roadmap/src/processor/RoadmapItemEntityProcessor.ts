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
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  isRoadmapItemEntity,
  locateRoadmapItemField,
  ownershipRelations,
  validateRoadmapItemEntity,
} from '@paved/plugin-paved-common';

/**
 * Accepts Paved's `RoadmapItem` kind (`apiVersion: paved.dev/v1alpha1`) and
 * validates it against the shared schema. An invalid item is reported on
 * the entity as an input error naming each bad field and is not stored;
 * the other entities of the same file still are.
 *
 * @public
 */
export class RoadmapItemEntityProcessor implements CatalogProcessor {
  /**
   * @param options.readLocation - reads the text of the file an entity came
   *   from, so errors can say at which line and column each bad field is;
   *   without it (or when the file cannot be read) they name the file only.
   */
  constructor(
    private readonly options: {
      readLocation?: (location: LocationSpec) => Promise<string | undefined>;
    } = {},
  ) {}

  getProcessorName(): string {
    return 'PavedRoadmapItemEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Recognise the kind here; the detailed check reports through emit.
    return isRoadmapItemEntity(entity);
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isRoadmapItemEntity(entity)) {
      return entity;
    }
    const result = validateRoadmapItemEntity(entity);
    if (!result.ok) {
      const text = await this.#read(location);
      const problems = result.issues.map(issue => {
        const field = `${issue.path.join('.') || '(document)'}: ${
          issue.message
        }`;
        const at =
          text !== undefined
            ? locateRoadmapItemField(text, entity.metadata, issue.path)
            : undefined;
        return at
          ? `${location.target}:${at.line}:${at.column} ${field}`
          : field;
      });
      emit(
        processingResult.inputError(
          location,
          `Invalid RoadmapItem ${stringifyEntityRef(entity)} in ${
            location.target
          }: ${problems.join('; ')}`,
        ),
      );
      return entity;
    }
    for (const relation of ownershipRelations(
      entity,
      result.entity.spec.owner,
    )) {
      emit(processingResult.relation(relation));
    }
    return entity;
  }

  async #read(location: LocationSpec): Promise<string | undefined> {
    try {
      return await this.options.readLocation?.(location);
    } catch {
      // Only the line numbers are lost; the error still names the field.
      return undefined;
    }
  }
}
