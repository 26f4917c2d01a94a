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
  isSurveyEntity,
  ownershipRelations,
  validateSurveyEntity,
} from '@paved/plugin-paved-common';

/**
 * Accepts Paved's `Survey` kind (`apiVersion: paved.dev/v1alpha1`) and
 * validates it against the shared schema. An invalid survey is reported on
 * the entity as an input error naming the field, and is not stored.
 *
 * @public
 */
export class SurveyEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'PavedSurveyEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    // Recognise the kind here; the detailed check reports through emit.
    return isSurveyEntity(entity);
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isSurveyEntity(entity)) {
      return entity;
    }
    const result = validateSurveyEntity(entity);
    if (!result.ok) {
      emit(
        processingResult.inputError(
          location,
          `Invalid Survey ${stringifyEntityRef(entity)}: ${result.errors.join(
            '; ',
          )}`,
        ),
      );
      return entity;
    }
    const { owner } = result.entity.spec;
    for (const relation of owner ? ownershipRelations(entity, owner) : []) {
      emit(processingResult.relation(relation));
    }
    return entity;
  }
}
