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
import { ScmIntegrations } from '@backstage/integration';
import { FeatureEnv, PavedFeature } from '../feature';
import { AdoptionEngine } from './AdoptionEngine';
import { AdoptionService } from './AdoptionService';
import { readAdoptionConfig, readAdoptionSchedule } from './config';
import { RepositoryReader } from './RepositoryReader';
import { registerAdoptionActions } from './actions';
import { registerAdoptionRoutes } from './routes';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';

/** The scheduler task id of the adoption computation. */
export const ADOPTION_TASK_ID = 'paved-adoption-facts';

/**
 * Adoption: the facts computation on a scheduler task (one replica at a
 * time; the scheduler's lock is in the database), the demo data modules'
 * labelled history, and the report and scores behind the routes.
 */
export async function createAdoptionFeature(env: FeatureEnv): Promise<
  PavedFeature & {
    engine: AdoptionEngine;
    repositories: RepositoryReader;
  }
> {
  const { auth, catalog, logger } = env;
  const config = readAdoptionConfig(env.config, env.demoData);
  const repositories = new RepositoryReader({
    reader: env.urlReader,
    integrations: ScmIntegrations.fromConfig(env.config),
  });
  const engine = new AdoptionEngine({
    db: env.db,
    catalog,
    auth,
    logger: logger.child({ task: ADOPTION_TASK_ID }),
    config,
    repositories,
    scaffolder: new ScaffolderTaskReader({ discovery: env.discovery, auth }),
    demo: env.demoSeeders,
  });

  env.lifecycle.addStartupHook(async () => {
    try {
      await engine.seedDemo();
    } catch (error) {
      logger.warn(`Could not seed demo adoption data: ${error}`);
    }
  });
  await env.scheduler.scheduleTask({
    id: ADOPTION_TASK_ID,
    ...readAdoptionSchedule(env.config),
    fn: async () => {
      await engine.run();
    },
  });

  const adoption = new AdoptionService({ engine, catalog });
  return {
    engine,
    repositories,
    registerRoutes: router =>
      registerAdoptionRoutes(router, { engine, adoption }),
    registerActions: actions => registerAdoptionActions(actions, adoption),
  };
}
