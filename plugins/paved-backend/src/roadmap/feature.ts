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
import { FeatureEnv, PavedFeature } from '../feature';
import { EntityAccess } from '../http/EntityAccess';
import { readRoadmapWindowDays } from './config';
import { RoadmapMetricSources } from './RoadmapOutcomes';
import { RoadmapService } from './RoadmapService';
import { registerRoadmapRoutes } from './routes';

/**
 * The roadmap as code: RoadmapItem entities from the catalog with the
 * outcome metric each should move, read from the other features' services.
 */
export function createRoadmapFeature(
  env: FeatureEnv,
  sources: Omit<RoadmapMetricSources, 'adoption'> & {
    adoption: AdoptionEngine;
  },
): PavedFeature & { roadmap: RoadmapService } {
  const { auth, catalog, permissions } = env;
  const roadmap = new RoadmapService({
    catalog,
    permissions,
    entities: new EntityAccess({ catalog, auth, permissions }),
    logger: env.logger,
    sources: {
      ...sources,
      adoption: {
        snapshots: sources.adoption.snapshots,
        scores: sources.adoption.scores,
        demoData: sources.adoption.config.demoData,
      },
    },
    windowDays: readRoadmapWindowDays(env.config),
  });
  return {
    roadmap,
    registerRoutes: router => registerRoadmapRoutes(router, roadmap),
  };
}
