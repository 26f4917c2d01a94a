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
import { AdoptionEngine } from '../adoption/AdoptionEngine';
import { AdoptionService } from '../adoption/AdoptionService';
import { LedgerService } from '../deployments/LedgerService';
import { DoraService } from '../dora/DoraService';
import { FeatureEnv, PavedFeature } from '../feature';
import { EntitySummaryService } from './EntitySummaryService';
import { registerEntitySummaryRoutes } from './routes';

/**
 * The entity summary: one request for what an entity page's summary card
 * shows, read from the DORA, adoption and ledger features.
 */
export function createEntitySummaryFeature(
  env: FeatureEnv,
  from: { dora: DoraService; engine: AdoptionEngine; ledger: LedgerService },
): PavedFeature {
  const summaries = new EntitySummaryService({
    permissions: env.permissions,
    catalog: env.catalog,
    dora: from.dora,
    adoption: new AdoptionService({
      engine: from.engine,
      catalog: env.catalog,
    }),
    ledger: from.ledger,
  });
  return {
    registerRoutes: router => registerEntitySummaryRoutes(router, summaries),
  };
}
