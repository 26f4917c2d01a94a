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
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { PavedClient } from '@paved/plugin-paved-common';
import { pavedApiRef } from './api';
import {
  feedbackRouteRef,
  reportRouteRef,
  roadmapRouteRef,
  rootRouteRef,
} from './routes';

/**
 * The Paved frontend plugin for apps on the legacy frontend system. Apps on
 * the new frontend system use the default export of `/alpha` instead.
 *
 * @public
 */
export const pavedPlugin = createPlugin({
  id: 'paved',
  apis: [
    createApiFactory({
      api: pavedApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PavedClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    feedback: feedbackRouteRef,
    roadmap: roadmapRouteRef,
    report: reportRouteRef,
  },
});

/**
 * The Platform page: the platform team's view of Paved.
 *
 * @public
 */
export const PavedPlatformPage = pavedPlugin.provide(
  createRoutableExtension({
    name: 'PavedPlatformPage',
    component: () =>
      import('./components/PlatformPage').then(m => m.PlatformPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The workload described by the entity's Score file, for Component pages.
 * Show it when `isScoreWorkloadAvailable(entity)` is true.
 *
 * @public
 */
export const EntityWorkloadCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityWorkloadCard',
    component: {
      lazy: () => import('./components/WorkloadCard').then(m => m.WorkloadCard),
    },
  }),
);

/**
 * Deployments of the entity: environments with current version and status,
 * drill-down to history and details (state in the URL), recent history.
 *
 * @public
 */
export const EntityDeploymentsCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityDeploymentsCard',
    component: {
      lazy: () =>
        import('./components/DeploymentsCard').then(m => m.DeploymentsCard),
    },
  }),
);
