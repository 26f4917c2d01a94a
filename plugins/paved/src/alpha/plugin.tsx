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
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import DashboardIcon from '@material-ui/icons/Dashboard';
import { PavedClient } from '@paved/plugin-paved-common';
import { pavedApiRef } from '../api';
import {
  feedbackRouteRef,
  reportRouteRef,
  roadmapRouteRef,
  rootRouteRef,
} from '../routes';
import { entityNpsCard, surveyPromptElement } from './surveys';
import { entityAdoptionCard, entitySloCard } from './adoption';
import { entityDoraCard } from './dora';
import { entityFeedbackCard, pavedFeedbackPage } from './feedback';
import { entityRoadmapItemCard, pavedRoadmapPage } from './roadmap';
import { pavedReportPage } from './report';
import { isScoreWorkloadAvailable } from '../components/WorkloadCard/workloadSummary';
import {
  entityPlatformContent,
  entitySummaryCard,
  platformTabCards,
} from './platform';
import { isComponent } from './filters';
import { orchestratorProviderPickerFormField } from './scaffolder';

/** @alpha */
export const pavedApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: pavedApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PavedClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Platform page, with its nav item (title and icon).
 *
 * @alpha
 */
export const pavedPlatformPage = PageBlueprint.make({
  params: {
    path: '/paved',
    title: 'Platform',
    icon: <DashboardIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    // The page renders its own Backstage header, like the legacy export.
    noHeader: true,
    loader: () =>
      import('../components/PlatformPage').then(m =>
        compatWrapper(<m.PlatformPage />),
      ),
  },
});

/**
 * The Workload card on the Platform tab of components described in Score.
 *
 * @alpha
 */
export const entityWorkloadCard = EntityCardBlueprint.make({
  name: 'workload',
  attachTo: platformTabCards,
  params: {
    filter: isScoreWorkloadAvailable,
    loader: () =>
      import('../components/WorkloadCard').then(m =>
        compatWrapper(<m.WorkloadCard />),
      ),
  },
});

/**
 * The Deployments card on the Platform tab of component pages.
 *
 * @alpha
 */
export const entityDeploymentsCard = EntityCardBlueprint.make({
  name: 'deployments',
  attachTo: platformTabCards,
  params: {
    filter: isComponent,
    loader: () =>
      import('../components/DeploymentsCard').then(m =>
        compatWrapper(<m.DeploymentsCard />),
      ),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'paved',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    pavedApi,
    pavedPlatformPage,
    entityPlatformContent,
    entitySummaryCard,
    entityWorkloadCard,
    entityDeploymentsCard,
    entityNpsCard,
    surveyPromptElement,
    entityAdoptionCard,
    entitySloCard,
    entityDoraCard,
    pavedFeedbackPage,
    entityFeedbackCard,
    pavedRoadmapPage,
    entityRoadmapItemCard,
    pavedReportPage,
    orchestratorProviderPickerFormField,
  ],
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    feedback: feedbackRouteRef,
    roadmap: roadmapRouteRef,
    report: reportRouteRef,
  }),
});
