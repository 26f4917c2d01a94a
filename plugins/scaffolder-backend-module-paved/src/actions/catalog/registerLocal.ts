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
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isInsideDirectory,
  LOCAL_REPOSITORY_PUBLISHED_TOPIC,
  LocalRepositoryPublishedEvent,
  readLocalRepositoriesBaseDir,
} from '@paved/plugin-paved-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { examples } from './registerLocal.examples';

/** The entity refs a catalog-info.yaml declares, in file order. */
function declaredRefs(text: string, file: string): CompoundEntityRef[] {
  const refs: CompoundEntityRef[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length) {
      throw new InputError(`${file}: ${doc.errors[0].message}`);
    }
    const value = doc.toJS() as {
      kind?: string;
      metadata?: { name?: string; namespace?: string };
    } | null;
    if (value?.kind && value.metadata?.name) {
      refs.push({
        kind: value.kind,
        namespace: value.metadata.namespace ?? 'default',
        name: value.metadata.name,
      });
    }
  }
  return refs;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * `paved:catalog:register-local`: puts a repository made by
 * `paved:publish:local` into the catalog and waits until its entity is
 * there, so the "Open in catalog" link of the finished task works.
 *
 * The catalog's API only registers `url` locations, and allowing `file`
 * locations for everybody would let any user point the catalog at any file
 * on the backend host. Instead the catalog module
 * `@paved/plugin-catalog-backend-module-local-repositories` serves every
 * repository under `paved.scaffolder.localPublisher.baseDir` as a `file`
 * location; this action tells it about the new repository through the
 * events service and waits for the catalog to show the entity.
 *
 * @public
 */
export function createCatalogRegisterLocalAction(options: {
  catalog: CatalogService;
  events: EventsService;
  config: RootConfigService;
}) {
  const { catalog, events, config } = options;
  return createTemplateAction({
    id: 'paved:catalog:register-local',
    description:
      'Registers a repository created by paved:publish:local in the catalog (as a file location served by the local-repositories catalog module) and waits until its entity is in the catalog.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .min(1)
            .describe(
              'Absolute path of the catalog-info.yaml, the catalogInfoPath output of paved:publish:local.',
            ),
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Entity to wait for; by default the first Component (or the first entity) of the file.',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(600)
            .optional()
            .describe(
              'How long to wait for the entity (default 90); 0 does not wait.',
            ),
      },
      output: {
        entityRef: z => z.string().describe('The registered entity.'),
        catalogInfoUrl: z =>
          z
            .string()
            .describe('file:// URL of the registered catalog-info.yaml.'),
      },
    },
    async handler(ctx) {
      const input = {
        ...ctx.input,
        timeoutSeconds: ctx.input.timeoutSeconds ?? 90,
      };
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would register ${input.catalogInfoPath} in the catalog`,
        );
        ctx.output('entityRef', input.entityRef ?? '');
        ctx.output(
          'catalogInfoUrl',
          path.isAbsolute(input.catalogInfoPath)
            ? pathToFileURL(input.catalogInfoPath).toString()
            : '',
        );
        return;
      }

      const baseDir = readLocalRepositoriesBaseDir(config);
      const file = path.resolve(input.catalogInfoPath);
      if (
        !path.isAbsolute(input.catalogInfoPath) ||
        !isInsideDirectory(baseDir, file)
      ) {
        throw new InputError(
          `catalogInfoPath must be an absolute path inside the local repositories directory ${baseDir} (paved.scaffolder.localPublisher.baseDir), got "${input.catalogInfoPath}"; pass the catalogInfoPath output of paved:publish:local`,
        );
      }
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        throw new InputError(
          `Cannot read ${file}: ${(error as Error).message}`,
        );
      }
      const refs = declaredRefs(text, file);
      let target: CompoundEntityRef | undefined;
      if (input.entityRef) {
        target = parseEntityRef(input.entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        });
      } else {
        target =
          refs.find(r => r.kind.toLowerCase() === 'component') ?? refs[0];
      }
      if (!target) {
        throw new InputError(`${file} declares no entity`);
      }
      const entityRef = stringifyEntityRef(target);

      const payload: LocalRepositoryPublishedEvent = {
        repoPath: path.dirname(file),
        catalogInfoPath: file,
      };
      await events.publish({
        topic: LOCAL_REPOSITORY_PUBLISHED_TOPIC,
        eventPayload: payload,
      });
      ctx.output('catalogInfoUrl', pathToFileURL(file).toString());
      ctx.output('entityRef', entityRef);
      if (input.timeoutSeconds === 0) {
        ctx.logger.info(`Announced ${file} to the catalog`);
        return;
      }

      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + input.timeoutSeconds * 1000;
      ctx.logger.info(`Waiting for ${entityRef} to appear in the catalog`);
      for (;;) {
        if (await catalog.getEntityByRef(entityRef, { credentials })) {
          ctx.logger.info(`${entityRef} is in the catalog`);
          return;
        }
        if (Date.now() >= deadline || ctx.signal?.aborted) {
          throw new Error(
            `${entityRef} was not in the catalog ${input.timeoutSeconds} s after registering ${file}. Check that the backend has @paved/plugin-catalog-backend-module-local-repositories, that the catalog rules allow kind ${target.kind}, and the catalog's processing errors for file:${file}`,
          );
        }
        await sleep(1000, ctx.signal);
      }
    },
  });
}
