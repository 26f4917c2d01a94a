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
import { FeatureEnv } from '../../feature';
import { OrchestratorSync } from '../OrchestratorSync';
import { readDeploymentEventsConfig } from './config';
import { DeploymentEventConsumer } from './DeploymentEventConsumer';
import { DeploymentEventWriter } from './DeploymentEventWriter';
import { ParkedEventStore } from './ParkedEventStore';

export { hasDeploymentEvents, readDeploymentEventsConfig } from './config';
export type { DeploymentEventsConfig } from './config';
export { DeploymentEventConsumer } from './DeploymentEventConsumer';
export { DeploymentEventWriter } from './DeploymentEventWriter';
export { ParkedEventStore } from './ParkedEventStore';

/**
 * A ledger consumer for each provider with `paved.orchestrators.<id>.events`
 * configured, started and stopped with the backend.
 */
export function createDeploymentEventConsumers(
  env: Pick<FeatureEnv, 'auth' | 'config' | 'db' | 'lifecycle' | 'logger'> & {
    providers: FeatureEnv['providers'];
  },
  sync: OrchestratorSync,
): DeploymentEventConsumer[] {
  const consumers: DeploymentEventConsumer[] = [];
  const parked = new ParkedEventStore(env.db);
  for (const provider of env.providers()) {
    const config = readDeploymentEventsConfig(env.config, provider.id);
    if (!config) continue;
    if (!provider.deploymentFromEvent) {
      throw new Error(
        `paved.orchestrators.${provider.id}.events is set, but the provider '${provider.id}' cannot read events`,
      );
    }
    const logger = env.logger.child({ orchestratorEvents: provider.id });
    consumers.push(
      new DeploymentEventConsumer({
        config,
        provider,
        parked,
        logger,
        writer: new DeploymentEventWriter({
          db: env.db,
          sync,
          provider,
          auth: env.auth,
          logger,
        }),
      }),
    );
  }
  if (consumers.length) {
    env.lifecycle.addStartupHook(() => consumers.forEach(c => c.start()));
    env.lifecycle.addShutdownHook(async () => {
      await Promise.all(consumers.map(c => c.stop()));
    });
  }
  return consumers;
}
