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
  AuthService,
  DiscoveryService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { SloQueries } from '../slos/SloQueries';
import { SloService } from '../slos/SloService';
import { AdoptionEngine } from './AdoptionEngine';
import { AdoptionService } from './AdoptionService';
import { AnalyticsService } from '../analytics/AnalyticsService';
import { readAdoptionConfig } from './config';
import { RepositoryReader } from './RepositoryReader';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';

/** The scheduler task id of the adoption computation. */
export const ADOPTION_TASK_ID = 'paved-adoption-facts';

/**
 * Wires adoption: the computation on a scheduler task (one replica at a
 * time; the scheduler's lock is in the database), the labelled demo data,
 * and the services behind the routes.
 */
export async function setupAdoption(options: {
  auth: AuthService;
  catalog: CatalogService;
  client: Knex;
  config: RootConfigService;
  discovery: DiscoveryService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  reader: UrlReaderService;
  scheduler: SchedulerService;
}) {
  const { auth, catalog, client, config, logger, scheduler } = options;
  const adoptionConfig = readAdoptionConfig(config);
  const repositories = new RepositoryReader({
    reader: options.reader,
    integrations: ScmIntegrations.fromConfig(config),
  });
  const engine = new AdoptionEngine({
    db: client,
    catalog,
    auth,
    logger: logger.child({ task: ADOPTION_TASK_ID }),
    config: adoptionConfig,
    repositories,
    scaffolder: new ScaffolderTaskReader({
      discovery: options.discovery,
      auth,
    }),
  });

  options.lifecycle.addStartupHook(async () => {
    try {
      await engine.seedDemo();
    } catch (error) {
      logger.warn(`Could not seed demo adoption data: ${error}`);
    }
  });
  await scheduler.scheduleTask({
    id: ADOPTION_TASK_ID,
    frequency: { minutes: adoptionConfig.intervalMinutes },
    timeout: { minutes: 15 },
    // Give the catalog a moment to answer after a cold start.
    initialDelay: { seconds: 20 },
    fn: async () => {
      await engine.run();
    },
  });

  return {
    engine,
    adoption: new AdoptionService({ engine, catalog }),
    slos: new SloService({
      catalog,
      queries: new SloQueries(client),
      repositories,
    }),
    analytics: new AnalyticsService(
      engine.activity,
      adoptionConfig.analytics.enabled,
    ),
  };
}
