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

import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  Entity,
} from '@backstage/catalog-model';
import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isInsideDirectory,
  readLocalRepositoriesBaseDir,
} from '@paved/plugin-paved-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { examples } from './assertAvailable.examples';

function describe(entity: Entity): string {
  const owner = (entity.spec as { owner?: string } | undefined)?.owner;
  const location =
    entity.metadata.annotations?.['backstage.io/managed-by-location'];
  return [owner && `owned by ${owner}`, location && `defined at ${location}`]
    .filter(Boolean)
    .join(', ');
}

/**
 * `paved:catalog:assert-available`: the first step of a golden path. Fails
 * at once, before anything is created, when the name the developer chose is
 * taken: by an entity in the catalog or by a local repository.
 *
 * @public
 */
export function createCatalogAssertAvailableAction(options: {
  catalog: CatalogService;
  config: RootConfigService;
}) {
  const { catalog, config } = options;
  return createTemplateAction({
    id: 'paved:catalog:assert-available',
    description:
      'Fails early with a clear message when an entity with the chosen name already exists in the catalog (or a local repository has that name).',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .min(1)
            .describe(
              'The entity the template will create: component:default/my-service, or just its name (kind Component, namespace default).',
            ),
        localRepository: z =>
          z
            .string()
            .optional()
            .describe(
              'Also require that no local repository (paved:publish:local) of this name exists.',
            ),
      },
      output: {
        entityRef: z =>
          z.string().describe('The full entity ref that is available.'),
      },
    },
    async handler(ctx) {
      let ref;
      try {
        ref = parseEntityRef(ctx.input.entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        });
      } catch (error) {
        throw new InputError(
          `entityRef "${ctx.input.entityRef}" is not an entity ref: ${
            (error as Error).message
          }`,
        );
      }
      const entityRef = stringifyEntityRef(ref);
      const credentials = await ctx.getInitiatorCredentials();
      const existing = await catalog.getEntityByRef(entityRef, { credentials });
      if (existing) {
        const details = describe(existing);
        throw new ConflictError(
          `${existing.kind} "${
            ref.name
          }" already exists in the catalog (${entityRef}${
            details ? `, ${details}` : ''
          }); pick another name`,
        );
      }
      if (ctx.input.localRepository) {
        const baseDir = readLocalRepositoriesBaseDir(config);
        const repoPath = path.join(baseDir, ctx.input.localRepository);
        if (!isInsideDirectory(baseDir, repoPath)) {
          throw new InputError(
            `localRepository "${ctx.input.localRepository}" must be a plain directory name`,
          );
        }
        const taken = await fs.stat(repoPath).then(
          () => true,
          () => false,
        );
        if (taken) {
          throw new ConflictError(
            `A local repository named "${ctx.input.localRepository}" already exists at ${repoPath}; pick another name`,
          );
        }
      }
      ctx.logger.info(`${entityRef} is available`);
      ctx.output('entityRef', entityRef);
    },
  });
}
