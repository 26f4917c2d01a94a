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
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { pavedPermissions } from '@paved/plugin-paved-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  OrchestratorProvider,
  pavedOrchestratorExtensionPoint,
} from '@paved/plugin-paved-node';
import { applyDatabaseMigrations, InstallationStore } from './database';
import { createRouter } from './router';
import { GoldenPathDriftService } from './goldenPaths/GoldenPathDriftService';
import { InfoService } from './info/InfoService';
import { setupDeployments } from './deployments/setupDeployments';
import { createSurveyService } from './surveys/createSurveyService';
import { setupAdoption } from './adoption/setupAdoption';
import { setupDora } from './dora/setupDora';

/**
 * The Paved backend plugin: REST API under `/api/paved`, the ledger
 * database and the orchestrator providers registered by modules.
 *
 * @public
 */
export const pavedPlugin = createBackendPlugin({
  pluginId: 'paved',
  register(env) {
    const providers = new Map<string, OrchestratorProvider>();
    env.registerExtensionPoint(pavedOrchestratorExtensionPoint, {
      addProvider(...added) {
        for (const provider of added) {
          if (providers.has(provider.id)) {
            throw new Error(
              `An orchestrator provider with id '${provider.id}' is already registered`,
            );
          }
          providers.set(provider.id, provider);
        }
      },
    });

    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
      },
      async init({
        auditor,
        auth,
        catalog,
        config,
        database,
        httpAuth,
        httpRouter,
        lifecycle,
        logger,
        permissions,
        permissionsRegistry,
        scheduler,
        discovery,
        urlReader,
      }) {
        const client = await database.getClient();
        await applyDatabaseMigrations(database, client);
        permissionsRegistry.addPermissions(pavedPermissions);

        // Record the installation time when the tables are created, not
        // at the first info request.
        const installations = new InstallationStore(client);
        await installations.installedAt();
        const info = new InfoService({
          client,
          installations,
          providers: () => [...providers.values()],
          demoData:
            config.getOptionalBoolean('paved.demoData.enabled') ?? false,
        });
        logger.info(
          `Paved ready with ${providers.size} orchestrator provider(s)`,
        );
        const surveys = await createSurveyService({
          auth,
          catalog,
          client,
          config,
          logger,
        });
        const deployments = await setupDeployments({
          auditor,
          auth,
          catalog,
          client,
          config,
          httpRouter,
          lifecycle,
          logger,
          scheduler,
          providers: () => [...providers.values()],
        });
        const adoption = await setupAdoption({
          auth,
          catalog,
          client,
          config,
          discovery,
          lifecycle,
          logger,
          reader: urlReader,
          scheduler,
        });
        const dora = await setupDora({
          auth,
          catalog,
          client,
          config,
          logger,
          scheduler,
        });
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            info,
            surveys: { service: surveys, auditor },
            deployments: { ledger: deployments.ledger, auditor },
            orchestrators: {
              providers: () => [...providers.values()],
              ledger: deployments.ledger,
              auditor,
            },
            goldenPaths: { drift: new GoldenPathDriftService({ catalog }) },
            adoption: { ...adoption, auditor },
            dora,
          }),
        );
      },
    });
  },
});
