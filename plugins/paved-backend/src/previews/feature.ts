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
import { DeploymentStore } from '../deployments/DeploymentStore';
import { WebhookProcessor } from '../deployments/webhooks/WebhookProcessor';
import { FeatureEnv, PavedFeature } from '../feature';
import { readPreviewsConfig } from './config';
import { GithubPreviewReporter } from './GithubPreviewReporter';
import { GitlabPreviewReporter } from './GitlabPreviewReporter';
import { PreviewReconciler } from './PreviewReconciler';
import { PreviewStore } from './PreviewStore';
import { registerPreviewRoutes } from './routes';

/**
 * Preview environments of pull requests: the webhook processor records
 * what each pull request wants; the reconciler (kicked after each
 * processed batch, and on a schedule that picks up retries and work a
 * stopped replica left) drives the orchestrator there; a second task
 * removes idle previews.
 */
export async function createPreviewsFeature(
  env: FeatureEnv,
  options: { processor: WebhookProcessor; deployments: DeploymentStore },
): Promise<PavedFeature & { reconciler: PreviewReconciler }> {
  const config = readPreviewsConfig(env.config);
  const store = new PreviewStore(env.db);
  const integrations = ScmIntegrations.fromConfig(env.config);
  const reconciler = new PreviewReconciler({
    store,
    deployments: options.deployments,
    providers: env.providers,
    catalog: env.catalog,
    auth: env.auth,
    urlReader: env.urlReader,
    logger: env.logger,
    config,
    reporter: new GithubPreviewReporter({ integrations }),
    gitlabReporter: new GitlabPreviewReporter({ integrations }),
  });
  options.processor.onProcessed(() => reconciler.kick());
  await env.scheduler.scheduleTask({
    id: 'paved-previews-reconcile',
    ...config.schedule,
    fn: async () => {
      await reconciler.run();
    },
  });
  await env.scheduler.scheduleTask({
    id: 'paved-previews-expiry',
    ...config.expirySchedule,
    fn: async () => {
      const expired = await store.expireIdle(
        new Date(Date.now() - config.ttlMs),
        `Removed after ${formatTtl(
          config.ttlMs,
        )} without a push (paved.previews.ttl); push to the pull request to bring it back`,
      );
      if (expired) {
        env.logger.info(`Removing ${expired} idle preview environment(s)`);
        reconciler.kick();
      }
    },
  });
  return {
    reconciler,
    registerRoutes: router => registerPreviewRoutes(router, store),
  };
}

function formatTtl(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
