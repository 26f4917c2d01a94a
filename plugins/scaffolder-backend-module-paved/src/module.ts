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
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCatalogAssertAvailableAction } from './actions/catalog/assertAvailable';
import { createCatalogRegisterLocalAction } from './actions/catalog/registerLocal';
import { createPublishLocalAction } from './actions/publish/local';
import { createScoreGenerateAction } from './actions/score/generate';
import { createScoreValidateAction } from './actions/score/validate';
import { createOrchestratorCreateApplicationAction } from './actions/orchestrator/createApplication';
import { createOrchestratorDeployAction } from './actions/orchestrator/deploy';

/**
 * Scaffolder module with the actions of Paved's golden paths.
 *
 * @public
 */
export const scaffolderModulePaved = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'paved',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        events: eventsServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, catalog, config, events, discovery, auth }) {
        scaffolder.addActions(
          createScoreGenerateAction(),
          createScoreValidateAction(),
          createPublishLocalAction({ config }),
          createCatalogAssertAvailableAction({ catalog, config }),
          createCatalogRegisterLocalAction({ catalog, events, config }),
          createOrchestratorCreateApplicationAction({ discovery, auth }),
          createOrchestratorDeployAction({ discovery, auth }),
        );
      },
    });
  },
});
