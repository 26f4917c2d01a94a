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
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { readDoraConfig } from './config';
import { DoraEntityDirectory } from './DoraEntityDirectory';
import { DoraQueries } from './DoraQueries';
import { DoraRollups } from './DoraRollups';
import { DoraService } from './DoraService';
import { LEAD_BINS_PER_LN } from './sql';

const SETTINGS_KEY = 'rollup-settings';

/**
 * Wires the DORA metrics: reads `paved.dora`, rebuilds the roll-ups when
 * the production mapping changed since they were built, and schedules the
 * roll-up refresh (every minute: whatever the ledger triggers marked) and
 * the catalog sync of owners and systems (every 30 minutes).
 */
export async function setupDora(options: {
  auth: AuthService;
  catalog: CatalogService;
  client: Knex;
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
}): Promise<DoraService> {
  const { auth, catalog, client, logger, scheduler } = options;
  const config = readDoraConfig(options.config);
  const rollups = new DoraRollups(client, {
    environments: config.productionEnvironments,
  });
  const directory = new DoraEntityDirectory({ db: client, catalog, auth });

  // The roll-ups depend on the production mapping and the median bins.
  const settings = JSON.stringify({
    productionEnvironments: config.productionEnvironments ?? null,
    leadBinsPerLn: LEAD_BINS_PER_LN,
  });
  const stored = await client('paved_dora_state')
    .where({ key: SETTINGS_KEY })
    .first('value');
  if (stored?.value !== settings) {
    if (stored) {
      logger.info(
        'DORA production mapping changed; rebuilding the roll-ups in the background',
      );
    }
    await rollups.markAllDirty();
    await client('paved_dora_state')
      .insert({ key: SETTINGS_KEY, value: settings })
      .onConflict('key')
      .merge(['value']);
  }

  await scheduler.scheduleTask({
    id: 'paved-dora-rollups',
    frequency: { minutes: 1 },
    timeout: { minutes: 15 },
    initialDelay: { seconds: 10 },
    fn: async () => {
      const refreshed = await rollups.refresh();
      const added = await directory.addNew();
      if (refreshed || added) {
        logger.debug(
          `DORA roll-ups: ${refreshed} entities refreshed, ${added} looked up in the catalog`,
        );
      }
    },
  });
  await scheduler.scheduleTask({
    id: 'paved-dora-directory',
    frequency: { minutes: 30 },
    timeout: { minutes: 10 },
    initialDelay: { minutes: 1 },
    fn: async () => {
      await directory.syncAll();
    },
  });

  return new DoraService({
    config,
    rollups,
    queries: new DoraQueries(client),
    directory,
  });
}
