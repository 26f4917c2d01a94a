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
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { registerValidateScoreAction } from './actions/validateScore';
import { ScoreProcessor } from './processor/ScoreProcessor';

/**
 * Catalog module that ingests Score workload files; see the README.
 *
 * @public
 */
export const catalogModuleScore = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'score',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
        logger: coreServices.logger,
        catalog: catalogProcessingExtensionPoint,
        actions: actionsRegistryServiceRef,
      },
      async init({ config, reader, logger, catalog, actions }) {
        catalog.addProcessor(
          ScoreProcessor.fromConfig(config, { reader, logger }),
        );
        registerValidateScoreAction(actions);
      },
    });
  },
});
