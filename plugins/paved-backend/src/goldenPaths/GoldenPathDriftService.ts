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

import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
} from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  compareTemplateVersions,
  GOLDEN_PATH_ANNOTATIONS,
  GoldenPathComponent,
  GoldenPathDriftReason,
  GoldenPathDriftReport,
  parseTemplateAnnotation,
  SCORE_ANNOTATIONS,
} from '@paved/plugin-paved-common';

/** At most this many Score problems are quoted per component. */
const MAX_SCORE_MESSAGES = 3;

/**
 * Finds components created from a golden path that have drifted: their
 * template (`paved.dev/template: <name>@<version>`) has a newer version in
 * the catalog or is gone, or their Score file no longer validates.
 *
 * Score validity comes from the catalog: the Score processor reports every
 * problem of a component's Score file as a processing error on it (and keeps
 * the last good entity), so the report shows exactly what the catalog sees,
 * without reading repositories again.
 */
export class GoldenPathDriftService {
  readonly #catalog: CatalogService;

  constructor(options: { catalog: CatalogService }) {
    this.#catalog = options.catalog;
  }

  /**
   * The report, limited to the entities `credentials` may read and, with
   * `visible`, to the components it accepts (the caller's decision).
   */
  async getReport(
    credentials: BackstageCredentials,
    visible: (entityRef: string) => boolean = () => true,
  ): Promise<GoldenPathDriftReport> {
    const [{ items: templates }, { items: readable }] = await Promise.all([
      this.#catalog.getEntities(
        {
          filter: { kind: 'Template' },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials },
      ),
      this.#catalog.getEntities(
        {
          filter: {
            kind: 'Component',
            [`metadata.annotations.${GOLDEN_PATH_ANNOTATIONS.template}`]:
              CATALOG_FILTER_EXISTS,
          },
        },
        { credentials },
      ),
    ]);

    const components = readable.filter(c => visible(stringifyEntityRef(c)));
    const versions = new Map<string, { entityRef: string; version?: string }>();
    for (const template of templates) {
      versions.set(template.metadata.name, {
        entityRef: stringifyEntityRef(template),
        version:
          template.metadata.annotations?.[
            GOLDEN_PATH_ANNOTATIONS.templateVersion
          ],
      });
    }

    const drifted: GoldenPathComponent[] = [];
    for (const entity of components) {
      const item = this.#check(entity, versions);
      if (item?.reasons.length) {
        drifted.push(item);
      }
    }
    drifted.sort((a, b) => a.entityRef.localeCompare(b.entityRef));

    return {
      templates: [...versions.entries()]
        .filter(([, t]) => t.version)
        .map(([name, t]) => ({
          entityRef: t.entityRef,
          name,
          version: t.version!,
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      components: components.length,
      drifted,
    };
  }

  #check(
    entity: Entity,
    versions: Map<string, { entityRef: string; version?: string }>,
  ): GoldenPathComponent | undefined {
    const annotation =
      entity.metadata.annotations?.[GOLDEN_PATH_ANNOTATIONS.template];
    if (!annotation) {
      return undefined;
    }
    const reasons: GoldenPathDriftReason[] = [];
    const parsed = parseTemplateAnnotation(annotation);
    const current = parsed ? versions.get(parsed.name) : undefined;
    if (!parsed) {
      reasons.push({
        code: 'template-missing',
        message: `${GOLDEN_PATH_ANNOTATIONS.template} is "${annotation}", not <template name>@<version>`,
      });
    } else if (!current) {
      reasons.push({
        code: 'template-missing',
        message: `created from ${parsed.name}@${parsed.version}; that template is no longer in the catalog`,
      });
    } else if (
      current.version &&
      compareTemplateVersions(parsed.version, current.version) < 0
    ) {
      reasons.push({
        code: 'template-outdated',
        message: `created from ${parsed.name}@${parsed.version}; the template is at ${current.version}`,
      });
    }

    const scoreFile =
      entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreFile];
    if (scoreFile) {
      const scoreErrors = (
        ((entity as AlphaEntity).status?.items ?? []) as Array<{
          type?: string;
          level?: string;
          message?: string;
        }>
      )
        .filter(
          item =>
            item.type === ENTITY_STATUS_CATALOG_PROCESSING_TYPE &&
            item.level === 'error' &&
            typeof item.message === 'string' &&
            (item.message.includes(scoreFile) ||
              /\bscore\b/i.test(item.message)),
        )
        // The catalog prefixes the error's name ("InputError: ...").
        .map(item => (item.message as string).replace(/^[A-Za-z]*Error: /, ''));
      if (scoreErrors.length) {
        const more = scoreErrors.length - MAX_SCORE_MESSAGES;
        reasons.push({
          code: 'score-invalid',
          message: `the Score file no longer validates: ${scoreErrors
            .slice(0, MAX_SCORE_MESSAGES)
            .join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
        });
      }
    }

    return {
      entityRef: stringifyEntityRef(entity),
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      ...(typeof entity.spec?.owner === 'string'
        ? { owner: entity.spec.owner }
        : {}),
      template: parsed?.name ?? annotation,
      templateVersion: parsed?.version ?? '',
      ...(current?.version ? { currentVersion: current.version } : {}),
      reasons,
    };
  }
}
