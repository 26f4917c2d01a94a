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
import { readFile } from 'node:fs/promises';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { RoadmapItemEntityProcessor } from './processor/RoadmapItemEntityProcessor';

/**
 * Catalog module for the `RoadmapItem` kind: adds the
 * `RoadmapItemEntityProcessor`.
 *
 * @public
 */
export const catalogModuleRoadmap = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'roadmap',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        urlReader: coreServices.urlReader,
      },
      async init({ catalog, urlReader }) {
        catalog.addProcessor(
          new RoadmapItemEntityProcessor({
            // Read again only for an invalid item, to locate its errors.
            readLocation: async location => {
              if (location.type === 'file') {
                return readFile(location.target, 'utf8');
              }
              if (location.type === 'url') {
                const response = await urlReader.readUrl(location.target);
                return (await response.buffer()).toString('utf8');
              }
              return undefined;
            },
          }),
        );
      },
    });
  },
});
