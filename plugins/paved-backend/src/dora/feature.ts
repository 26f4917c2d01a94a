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
import { CommitRangeCoverage } from './CommitRangeCoverage';
import { CommitRangeResolver } from './CommitRangeResolver';
import { readDoraConfig, readDoraSchedules } from './config';
import { DoraEntityDirectory } from './DoraEntityDirectory';
import { DoraQueries } from './DoraQueries';
import { DoraRollups } from './DoraRollups';
import { DoraService } from './DoraService';
import { registerDoraActions } from './actions';
import { registerDoraRoutes } from './routes';
import { ScmCommitComparer } from './scmCompare';
import { LEAD_BINS_PER_LN } from './sql';

/**
 * The DORA metrics: rebuilds the roll-ups when the production mapping
 * changed since they were built, and schedules their refresh, the
 * catalog sync of owners and systems, and the resolution of the commits
 * each production deployment shipped.
 */
export async function createDoraFeature(
  env: FeatureEnv,
): Promise<PavedFeature & { dora: DoraService }> {
  const { auth, catalog, db, logger, scheduler } = env;
  const config = readDoraConfig(env.config);
  const schedules = readDoraSchedules(env.config);
  const rollups = new DoraRollups(db, {
    environments: config.productionEnvironments,
  });
  const directory = new DoraEntityDirectory({ db, catalog, auth });

  const rebuilding = await rollups.rebuildIfSettingsChanged(
    JSON.stringify({
      productionEnvironments: config.productionEnvironments ?? null,
      leadBinsPerLn: LEAD_BINS_PER_LN,
    }),
  );
  if (rebuilding) {
    logger.info(
      'DORA production mapping changed; rebuilding the roll-ups in the background',
    );
  }

  await scheduler.scheduleTask({
    id: 'paved-dora-rollups',
    ...schedules.rollups,
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
    ...schedules.directory,
    fn: async () => {
      await directory.syncAll();
    },
  });

  // Commits shipped by each production deployment: from push history,
  // else the SCM's compare API through the integrations config.
  const ranges = new CommitRangeResolver({
    db,
    logger,
    production: { environments: config.productionEnvironments },
    comparer: new ScmCommitComparer({
      integrations: ScmIntegrations.fromConfig(env.config),
    }),
  });
  await scheduler.scheduleTask({
    id: 'paved-dora-commit-ranges',
    ...schedules.commitRanges,
    fn: async () => {
      const resolved = await ranges.resolveDue();
      if (resolved) {
        logger.debug(`DORA commit ranges: ${resolved} deployments resolved`);
      }
    },
  });

  const dora = new DoraService({
    config,
    rollups,
    queries: new DoraQueries(db),
    directory,
    coverage: new CommitRangeCoverage(db),
  });
  return {
    dora,
    registerRoutes: router => registerDoraRoutes(router, dora),
    registerActions: actions => registerDoraActions(actions, dora),
  };
}
