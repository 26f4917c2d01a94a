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
  AuditorService,
  AuthService,
  HttpRouterService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { WebhookDeliveryStore } from '.';
import {
  createWebhookRouter,
  readWebhookOptions,
} from './webhooks/createWebhookRouter';
import { WebhookProcessor } from './webhooks/WebhookProcessor';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { OrchestratorSync } from '../orchestrators/OrchestratorSync';
import { LedgerService } from './LedgerService';

/**
 * Wires the deployment ledger: the signed webhook intake (mounted before
 * the OpenAPI router because it needs the raw body, and exempt from
 * Backstage authentication because signatures authenticate it), the
 * delivery processor on startup and on a scheduler task, and the task that
 * links records to entities that appeared later.
 */
export async function setupDeployments(options: {
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  client: Knex;
  config: RootConfigService;
  httpRouter: HttpRouterService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  scheduler: SchedulerService;
  /** The orchestrator providers registered through the extension point. */
  providers: () => OrchestratorProvider[];
}): Promise<{
  ledger: LedgerService;
  processor: WebhookProcessor;
  sync: OrchestratorSync;
}> {
  const { auth, client, config, httpRouter, lifecycle, logger, scheduler } =
    options;
  const ledger = new LedgerService({ db: client, catalog: options.catalog });
  const processor = new WebhookProcessor({
    db: client,
    logger,
    webhookOptions: readWebhookOptions(config),
    leaseMs:
      (config.getOptionalNumber('paved.webhooks.processing.leaseSeconds') ??
        60) * 1000,
  });

  httpRouter.addAuthPolicy({ path: '/v1/webhooks', allow: 'unauthenticated' });
  httpRouter.use(
    createWebhookRouter({
      config,
      deliveries: new WebhookDeliveryStore(client),
      processor,
      auditor: options.auditor,
      logger,
    }),
  );

  // Deliveries a previous run accepted but did not finish.
  lifecycle.addStartupHook(() => processor.kick());
  await scheduler.scheduleTask({
    id: 'paved-webhook-deliveries',
    frequency: {
      seconds:
        config.getOptionalNumber('paved.webhooks.processing.intervalSeconds') ??
        30,
    },
    timeout: { minutes: 10 },
    fn: async () => {
      await processor.drain();
    },
  });
  await scheduler.scheduleTask({
    id: 'paved-ledger-link-entities',
    frequency: { minutes: 5 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
    fn: async () => {
      const linked = await ledger.linkUnclaimed(
        await auth.getOwnServiceCredentials(),
      );
      if (linked) {
        logger.info(`Linked ${linked} ledger records to catalog entities`);
      }
    },
  });
  const sync = new OrchestratorSync({
    db: client,
    catalog: options.catalog,
    logger,
    providers: options.providers,
  });
  // One job for every viewer; the scheduler runs it on one replica at a
  // time and its upserts keep concurrent runs from duplicating rows.
  await scheduler.scheduleTask({
    id: 'paved-orchestrator-sync',
    frequency: {
      seconds:
        config.getOptionalNumber('paved.orchestrators.syncIntervalSeconds') ??
        120,
    },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
    fn: async () => {
      if (!options.providers().some(p => p.listDeployments)) return;
      const counts = await sync.run(await auth.getOwnServiceCredentials());
      logger.debug(`Orchestrator sync read ${JSON.stringify(counts)}`);
    },
  });
  return { ledger, processor, sync };
}
