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
import { pavedOrchestratorExtensionPoint } from '@paved/plugin-paved-node';
import { HumanitecOrchestratorProvider } from './HumanitecOrchestratorProvider';
import { LOGS_IDENTITY_CONFIG_KEY } from './logsIdentity';

/**
 * Registers the Humanitec Platform Orchestrator provider with the Paved
 * backend when `paved.orchestrators.humanitec` is configured. An invalid
 * `logsIdentity` stops startup with an error naming the key.
 *
 * @public
 */
export const pavedModuleHumanitec = createBackendModule({
  pluginId: 'paved',
  moduleId: 'humanitec',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        orchestrators: pavedOrchestratorExtensionPoint,
      },
      async init({ config, logger, orchestrators }) {
        const provider = await HumanitecOrchestratorProvider.fromConfig(config);
        if (!provider) {
          logger.info(
            'Humanitec provider not configured (paved.orchestrators.humanitec); skipping',
          );
          return;
        }
        orchestrators.addProvider(provider);
        logger.info(`Registered orchestrator provider ${provider.title}`);
        // Only the public recipient is logged, never the identity.
        logger.info(
          provider.logsRecipient
            ? `Humanitec deployments keep runner logs encrypted to ${provider.logsRecipient}`
            : `Humanitec deployments keep no runner logs; set ${LOGS_IDENTITY_CONFIG_KEY} to read them in Paved`,
        );
      },
    });
  },
});
