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
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  OrchestratorProvider,
  PavedDemoDataSeeder,
  pavedDemoDataExtensionPoint,
  pavedOrchestratorExtensionPoint,
} from '@paved/plugin-paved-node';
import { createPavedActions } from './actions/PavedActions';
import { createAdoptionFeature } from './adoption/feature';
import { createAnalyticsFeature } from './analytics/feature';
import { applyDatabaseMigrations } from './database';
import { DemoDataSeeders } from './demoDataSeeders';
import { createDeploymentsFeature } from './deployments/feature';
import { createDoraFeature } from './dora/feature';
import { createEntitySummaryFeature } from './entitySummary/feature';
import { FeatureEnv } from './feature';
import { createFeedbackFeature } from './feedback/feature';
import { createGoldenPathsFeature } from './goldenPaths/feature';
import { createRouteGuard } from './http/routeGuard';
import { createInfoFeature } from './info/feature';
import { createOrchestratorsFeature } from './orchestrators/feature';
import { createPreviewsFeature } from './previews/feature';
import { createRoadmapFeature } from './roadmap/feature';
import { createReportFeature } from './report/feature';
import { reportExtrasFrom } from './report/extras';
import { createRouter } from './router';
import { createSlosFeature } from './slos/feature';
import { createSurveysFeature } from './surveys/feature';

/**
 * The Paved backend plugin: REST API under `/api/paved`, the ledger
 * database, and the orchestrator providers and demo data seeders
 * registered by modules.
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
    const demoSeeders = new Map<string, PavedDemoDataSeeder>();
    env.registerExtensionPoint(pavedDemoDataExtensionPoint, {
      addSeeder(...added) {
        for (const seeder of added) {
          if (demoSeeders.has(seeder.id)) {
            throw new Error(
              `A demo data seeder with id '${seeder.id}' is already registered`,
            );
          }
          demoSeeders.set(seeder.id, seeder);
        }
      },
    });

    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        notifications: notificationService,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { database, httpRouter, logger } = deps;
        const db = await database.getClient();
        await applyDatabaseMigrations(database, db, { logger });
        deps.permissionsRegistry.addPermissions(pavedPermissions);

        const seeders = new DemoDataSeeders([...demoSeeders.values()], logger);
        const featureEnv: FeatureEnv = {
          ...deps,
          db,
          providers: () => [...providers.values()],
          demoData: seeders.enabled,
          demoSeeders: seeders,
        };
        const deployments = await createDeploymentsFeature(featureEnv);
        const adoption = await createAdoptionFeature(featureEnv);
        const dora = await createDoraFeature(featureEnv);
        const surveys = await createSurveysFeature(featureEnv);
        const slos = createSlosFeature(featureEnv, adoption.repositories);
        const feedback = createFeedbackFeature(featureEnv, surveys.surveys);
        const roadmap = createRoadmapFeature(featureEnv, {
          dora: dora.dora,
          surveys: surveys.surveys,
          adoption: adoption.engine,
          slos: slos.slos,
        });
        const report = await createReportFeature(featureEnv, {
          dora: dora.dora,
          surveys: surveys.surveys,
          engine: adoption.engine,
          slos: slos.slos,
          extras: reportExtrasFrom({
            roadmap: roadmap.roadmap,
            feedback: feedback.feedback,
          }),
        });
        const features = [
          await createInfoFeature(featureEnv),
          surveys,
          feedback,
          deployments,
          await createOrchestratorsFeature(
            featureEnv,
            deployments.ledger.deployments,
          ),
          await createPreviewsFeature(featureEnv, {
            processor: deployments.processor,
            deployments: deployments.ledger.deployments,
          }),
          dora,
          adoption,
          slos,
          roadmap,
          report,
          createAnalyticsFeature(adoption.engine),
          createGoldenPathsFeature(featureEnv),
          createEntitySummaryFeature(featureEnv, {
            dora: dora.dora,
            engine: adoption.engine,
            ledger: deployments.ledger,
          }),
        ];

        // Self-authenticated routers first: they read the raw body.
        for (const feature of features) {
          const own = feature.selfAuthenticatedRouter;
          if (own) {
            httpRouter.addAuthPolicy({
              path: own.path,
              allow: 'unauthenticated',
            });
            httpRouter.use(own.router);
          }
        }
        const guard = createRouteGuard({
          auditor: deps.auditor,
          auth: deps.auth,
          catalog: deps.catalog,
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
        });
        httpRouter.use(createRouter({ guard, features }));
        // Actions for agents (served over MCP), through the same guard.
        const actions = createPavedActions(deps.actionsRegistry, guard);
        for (const feature of features) feature.registerActions?.(actions);
        logger.info(
          `Paved ready with ${providers.size} orchestrator provider(s)`,
        );
      },
    });
  },
});
