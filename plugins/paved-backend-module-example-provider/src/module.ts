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
import { ExampleOrchestratorProvider } from './ExampleOrchestratorProvider';

/**
 * Registers the in-memory example provider when
 * `paved.orchestrators.example` is configured, and nothing otherwise, so
 * the module is safe to install everywhere.
 *
 * @public
 */
export const pavedModuleExampleProvider = createBackendModule({
  pluginId: 'paved',
  moduleId: 'example-provider',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        orchestrators: pavedOrchestratorExtensionPoint,
      },
      async init({ config, logger, orchestrators }) {
        const provider = ExampleOrchestratorProvider.fromConfig(config);
        if (!provider) return;
        orchestrators.addProvider(provider);
        logger.info(
          `Registered orchestrator provider ${provider.title}: it keeps state in memory and runs nothing`,
        );
        // Labelled demo runs for the demo ledger, unless demo data is off
        // (or the config is a production one, as for the demo ledger).
        const demoProject = config.getOptionalString(
          'paved.orchestrators.example.demoRuns.projectId',
        );
        if (
          demoProject &&
          config.getOptionalBoolean('paved.demoData.enabled') !== false &&
          config.getOptionalString('auth.environment') !== 'production'
        ) {
          const runs = await provider.recordDemoRuns({
            projectId: demoProject,
          });
          logger.info(
            `Recorded ${runs.length} demo runs of project ${demoProject} in ${provider.title}`,
          );
        }
      },
    });
  },
});
