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
import { PavedFeature } from '../feature';
import { AnalyticsService } from './AnalyticsService';
import { registerAnalyticsRoutes } from './routes';

/**
 * Page views from the portal, the source of active users. They live in the
 * adoption engine's activity store, which prunes them with its history.
 */
export function createAnalyticsFeature(engine: AdoptionEngine): PavedFeature {
  const analytics = new AnalyticsService(
    engine.activity,
    engine.config.analytics.enabled,
  );
  return {
    registerRoutes: router => registerAnalyticsRoutes(router, analytics),
  };
}
