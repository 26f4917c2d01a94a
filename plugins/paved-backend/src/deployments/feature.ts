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
import { FeatureEnv, PavedFeature } from '../feature';
import { readDeploymentsConfig } from './config';
import { LedgerService } from './LedgerService';
import { registerDeploymentActions } from './actions';
import { registerDeploymentRoutes } from './routes';
import { WebhookDeliveryStore } from './WebhookDeliveryStore';
import { createWebhookRouter } from './webhooks/createWebhookRouter';
import { WebhookProcessor } from './webhooks/WebhookProcessor';
import { DemoLedgerIntake } from './DemoLedgerIntake';

/**
 * The deployment and incident ledger: REST routes, the signed webhook
 * intake with its delivery processor, the task that links records to
 * entities that appeared later, and the one that empties old payloads.
 */
export async function createDeploymentsFeature(
  env: FeatureEnv,
): Promise<
  PavedFeature & { ledger: LedgerService; processor: WebhookProcessor }
> {
  const { auth, db, logger, scheduler } = env;
  const config = readDeploymentsConfig(env.config);
  const ledger = new LedgerService({
    db,
    catalog: env.catalog,
    maxClockSkewSeconds: config.maxClockSkewSeconds,
  });
  const deliveries = new WebhookDeliveryStore(db);
  const processor = new WebhookProcessor({
    db,
    logger,
    webhookOptions: config.webhooks,
    leaseMs: config.processing.leaseMs,
  });

  // Deliveries a previous run accepted but did not finish.
  env.lifecycle.addStartupHook(() => processor.kick());
  const demoLedger = new DemoLedgerIntake({
    db,
    deliveries,
    processor,
    webhookOptions: config.webhooks,
    logger,
  });
  let seeding: Promise<void> | undefined;
  env.lifecycle.addStartupHook(async () => {
    if (env.demoData) {
      // In the background: a first seeding takes seconds, and the portal
      // need not wait for it.
      seeding = seedDemoLedger(env, demoLedger).catch(error =>
        logger.warn(`Could not seed the demo ledger: ${error}`),
      );
    } else {
      await removeDemoLedger(env, demoLedger);
    }
  });
  // Finish before the database closes rather than fail half-way.
  env.lifecycle.addShutdownHook(() => seeding);
  await scheduler.scheduleTask({
    id: 'paved-webhook-deliveries',
    ...config.processing.schedule,
    fn: async () => {
      await processor.drain();
    },
  });
  await scheduler.scheduleTask({
    id: 'paved-webhook-payload-retention',
    ...config.retention.schedule,
    fn: async () => {
      const days = config.retention.payloadDays;
      const purged = await deliveries.purgePayloads(
        new Date(Date.now() - days * 24 * 60 * 60 * 1000),
      );
      if (purged) {
        logger.info(
          `Emptied the payloads of ${purged} webhook deliveries finished more than ${days} days ago`,
        );
      }
    },
  });
  await scheduler.scheduleTask({
    id: 'paved-ledger-link-entities',
    ...config.linkingSchedule,
    fn: async () => {
      const linked = await ledger.linkUnclaimed(
        await auth.getOwnServiceCredentials(),
      );
      if (linked) {
        logger.info(`Linked ${linked} ledger records to catalog entities`);
      }
    },
  });

  return {
    ledger,
    processor,
    registerRoutes: router => registerDeploymentRoutes(router, ledger),
    registerActions: actions => registerDeploymentActions(actions, ledger),
    selfAuthenticatedRouter: {
      path: '/v1/webhooks',
      router: createWebhookRouter({
        webhooks: config.webhooks,
        deliveries,
        processor,
        auditor: env.auditor,
      }),
    },
  };
}

/**
 * Seeds the demo ledger through the intake, then asks for the commit
 * ranges of the new deployments at once rather than within the minute.
 */
async function seedDemoLedger(env: FeatureEnv, intake: DemoLedgerIntake) {
  const started = Date.now();
  const totals = { accepted: 0, duplicates: 0, refused: 0 };
  await env.demoSeeders.seedLedger({
    now: new Date(),
    deliver: async items => {
      const result = await intake.deliver(items);
      totals.accepted += result.accepted;
      totals.duplicates += result.duplicates;
      totals.refused += result.refused;
      return result;
    },
  });
  if (!totals.accepted && !totals.duplicates && !totals.refused) return;
  env.logger.info(
    `Demo ledger seeded in ${Date.now() - started} ms: ${
      totals.accepted
    } new deliveries, ${totals.duplicates} already stored${
      totals.refused ? `, ${totals.refused} refused` : ''
    }`,
  );
  if (totals.accepted) {
    try {
      await env.scheduler.triggerTask('paved-dora-commit-ranges');
    } catch {
      // Already running, or not scheduled: the schedule picks them up.
    }
  }
}

/** Demo data is off: its ledger records go. */
async function removeDemoLedger(env: FeatureEnv, intake: DemoLedgerIntake) {
  try {
    const removed = await intake.purge();
    if (removed) {
      env.logger.info(
        `Demo data is off: removed ${removed} demo deployments and incidents from the ledger`,
      );
    }
  } catch (error) {
    env.logger.warn(`Could not remove the demo ledger records: ${error}`);
  }
}
