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
import FeedbackIcon from '@material-ui/icons/Feedback';
import { lazy } from 'react';
import { WhenInView } from '../components/shared/WhenInView';
import { feedbackRouteRef } from '../routes';

const LazyEntityFeedbackCard = lazy(() =>
  import('../components/Feedback/EntityFeedbackCard').then(m => ({
    default: m.EntityFeedbackCard,
  })),
);

/** Kinds people send feedback about: what the platform offers them. */
const FEEDBACK_KINDS = ['component', 'system', 'template', 'api', 'resource'];

/**
 * The feedback board at `/paved/feedback`, with its nav item
 * (`page:paved/feedback`).
 *
 * @alpha
 */
export const pavedFeedbackPage = PageBlueprint.make({
  name: 'feedback',
  params: {
    path: '/paved/feedback',
    title: 'Feedback',
    icon: <FeedbackIcon />,
    routeRef: convertLegacyRouteRef(feedbackRouteRef),
    // The page renders its own Backstage header, like the legacy export.
    noHeader: true,
    loader: () =>
      import('../components/Feedback').then(m =>
        compatWrapper(<m.FeedbackPage />),
      ),
  },
});

/**
 * Feedback requests about the entity, with a submit button, on the
 * overview of components, systems, templates, APIs and resources
 * (`entity-card:paved/feedback`).
 *
 * @alpha
 */
export const entityFeedbackCard = EntityCardBlueprint.make({
  name: 'feedback',
  params: {
    filter: (entity: Entity) =>
      FEEDBACK_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')),
    // Below the fold on Overview: its chunk and request wait until it
    // scrolls near, so they do not compete with the page's own cards.
    loader: async () =>
      compatWrapper(
        <WhenInView height={160}>
          <LazyEntityFeedbackCard />
        </WhenInView>,
      ),
  },
});
