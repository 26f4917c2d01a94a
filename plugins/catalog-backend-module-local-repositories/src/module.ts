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
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  isInsideDirectory,
  LOCAL_REPOSITORY_PUBLISHED_TOPIC,
  LocalRepositoryPublishedEvent,
  readLocalRepositoriesBaseDir,
} from '@paved/plugin-paved-node';
import { LocalRepositoriesEntityProvider } from './LocalRepositoriesEntityProvider';

/**
 * Catalog module that ingests the repositories of Paved's local publisher:
 * at start, every minute, and at once when the scaffolder announces a new
 * one on the events service.
 *
 * @public
 */
export const catalogModuleLocalRepositories = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'paved-local-repositories',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        events: eventsServiceRef,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, events, logger, scheduler }) {
        const baseDir = readLocalRepositoriesBaseDir(config);
        const provider = new LocalRepositoriesEntityProvider({
          baseDir,
          logger,
          // Repositories removed from disk leave the catalog within a minute.
          schedule: scheduler.createScheduledTaskRunner({
            frequency: { minutes: 1 },
            timeout: { minutes: 1 },
            scope: 'local',
          }),
        });
        catalog.addEntityProvider(provider);

        await events.subscribe({
          id: 'paved-local-repositories',
          topics: [LOCAL_REPOSITORY_PUBLISHED_TOPIC],
          onEvent: async params => {
            const payload = params.eventPayload as
              | Partial<LocalRepositoryPublishedEvent>
              | undefined;
            const file = payload?.catalogInfoPath;
            if (typeof file !== 'string' || !isInsideDirectory(baseDir, file)) {
              logger.warn(
                `Ignored a ${LOCAL_REPOSITORY_PUBLISHED_TOPIC} event for a path outside ${baseDir}`,
              );
              return;
            }
            const count = await provider.scan();
            logger.info(
              `Registered the local repository ${payload?.repoPath} (${count} local repositories)`,
            );
          },
        });
      },
    });
  },
});
