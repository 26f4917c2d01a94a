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
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { ROADMAP_ITEM_KIND } from '@paved/plugin-paved-common';
import { roadmapRouteRef } from '../routes';

/**
 * The roadmap at `/paved/roadmap` (Now / Next / Later / Shipped), with its
 * nav item (`page:paved/roadmap`).
 *
 * @alpha
 */
export const pavedRoadmapPage = PageBlueprint.make({
  name: 'roadmap',
  params: {
    path: '/paved/roadmap',
    title: 'Roadmap',
    icon: <TimelineIcon />,
    routeRef: convertLegacyRouteRef(roadmapRouteRef),
    // The page renders its own Backstage header, like the legacy export.
    noHeader: true,
    loader: () =>
      import('../components/Roadmap').then(m =>
        compatWrapper(<m.RoadmapPage />),
      ),
  },
});

/**
 * The outcome of a roadmap item on RoadmapItem entity pages
 * (`entity-card:paved/roadmap-item`).
 *
 * @alpha
 */
export const entityRoadmapItemCard = EntityCardBlueprint.make({
  name: 'roadmap-item',
  params: {
    filter: (entity: Entity) => entity.kind === ROADMAP_ITEM_KIND,
    loader: () =>
      import('../components/Roadmap').then(m =>
        compatWrapper(<m.EntityRoadmapItemCard />),
      ),
  },
});
