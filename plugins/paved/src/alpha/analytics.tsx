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
  configApiRef,
  createFrontendModule,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { AnalyticsImplementationBlueprint } from '@backstage/plugin-app-react';
import { PavedClient } from '@paved/plugin-paved-common';
import { PavedAnalytics } from '../analytics/PavedAnalytics';

/**
 * The analytics implementation that sends page views to Paved.
 *
 * @alpha
 */
export const pavedAnalyticsImplementation =
  AnalyticsImplementationBlueprint.make({
    name: 'paved',
    params: defineParams =>
      defineParams({
        deps: {
          configApi: configApiRef,
          discoveryApi: discoveryApiRef,
          fetchApi: fetchApiRef,
        },
        factory: ({ configApi, discoveryApi, fetchApi }) =>
          PavedAnalytics.fromConfig(configApi, {
            api: new PavedClient({ discoveryApi, fetchApi }),
          }),
      }),
  });

/**
 * A frontend module for the app plugin that records page views for Paved's
 * active-user counts: add it to the app's features.
 *
 * @alpha
 */
export const pavedAnalyticsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [pavedAnalyticsImplementation],
});
