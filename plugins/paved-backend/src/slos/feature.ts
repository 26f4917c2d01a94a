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
import { RepositoryReader } from '../adoption/RepositoryReader';
import { FeatureEnv, PavedFeature } from '../feature';
import { registerSloRoutes } from './routes';
import { SloQueries } from './SloQueries';
import { SloService } from './SloService';

/** SLOs declared as code beside the entity, with error budget and burn rate. */
export function createSlosFeature(
  env: FeatureEnv,
  repositories: RepositoryReader,
): PavedFeature & { slos: SloService } {
  const slos = new SloService({
    catalog: env.catalog,
    queries: new SloQueries(env.db),
    repositories,
  });
  return { slos, registerRoutes: router => registerSloRoutes(router, slos) };
}
