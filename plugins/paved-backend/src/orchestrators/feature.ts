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
import { DeploymentStore } from '../deployments/DeploymentStore';
import { FeatureEnv, PavedFeature } from '../feature';
import { readOrchestratorsConfig } from './config';
import { createDeploymentEventConsumers } from './events';
import { OrchestratorSync } from './OrchestratorSync';
import { registerOrchestratorRoutes } from './routes';

/**
 * Orchestrator providers behind REST routes (projects, environments,
 * deployments, logs) and the sync that reads their deployments into the
 * ledger.
 */
export async function createOrchestratorsFeature(
  env: FeatureEnv,
  deployments: DeploymentStore,
): Promise<PavedFeature & { sync: OrchestratorSync }> {
  const { auth, logger, providers } = env;
  const config = readOrchestratorsConfig(env.config);
  const sync = new OrchestratorSync({
    db: env.db,
    catalog: env.catalog,
    logger,
    providers,
  });
  // One job for every viewer; the scheduler runs it on one replica at a
  // time and its upserts keep concurrent runs from duplicating rows.
  await env.scheduler.scheduleTask({
    id: 'paved-orchestrator-sync',
    ...config.syncSchedule,
    fn: async () => {
      if (!providers().some(p => p.listDeployments)) return;
      const counts = await sync.run(await auth.getOwnServiceCredentials());
      logger.debug(`Orchestrator sync read ${JSON.stringify(counts)}`);
    },
  });
  // Events write the ledger at once; the job above then only fills gaps.
  createDeploymentEventConsumers(env, sync);
  return {
    sync,
    registerRoutes: router =>
      registerOrchestratorRoutes(router, { providers, deployments }),
  };
}
