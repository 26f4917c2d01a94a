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
import { compatWrapper } from '@backstage/core-compat-api';
import {
  coreExtensionData,
  createExtensionInput,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { Entity } from '@backstage/catalog-model';
import { PavedSummaryCard } from '../components/EntitySummary';
import { cardFilter } from '../components/PlatformTab/cardFilter';
import { isComponent } from './filters';

/** The id of the Platform tab, which Paved's entity cards attach to. */
export const PLATFORM_CONTENT_ID = 'entity-content:paved/platform';

/** Where a card goes to appear on the Platform tab. */
export const platformTabCards = {
  id: PLATFORM_CONTENT_ID,
  input: 'cards',
} as const;

/**
 * The Platform tab of component pages: Paved's cards (DORA, deployments,
 * adoption and scores, SLOs, NPS, the Score workload), attached to its
 * `cards` input, in the order of `app.extensions` and each switched off
 * there like any extension.
 *
 * @alpha
 */
export const entityPlatformContent = EntityContentBlueprint.makeWithOverrides({
  name: 'platform',
  inputs: {
    cards: createExtensionInput([
      coreExtensionData.reactElement,
      EntityCardBlueprint.dataRefs.filterFunction.optional(),
      EntityCardBlueprint.dataRefs.filterExpression.optional(),
    ]),
  },
  factory: (originalFactory, { inputs }) => {
    const cards = inputs.cards.map(card => ({
      element: card.get(coreExtensionData.reactElement),
      filter: cardFilter(
        card.get(EntityCardBlueprint.dataRefs.filterFunction),
        card.get(EntityCardBlueprint.dataRefs.filterExpression),
      ),
    }));
    return originalFactory({
      path: 'platform',
      title: 'Platform',
      // The tab shows where one of its cards does: components, and the
      // systems and templates the NPS card is for.
      filter: (entity: Entity) =>
        cards.some(card => !card.filter || card.filter(entity)),
      loader: () =>
        import('../components/PlatformTab/PlatformTab').then(m =>
          compatWrapper(<m.PlatformTab cards={cards} />),
        ),
    });
  },
});

/**
 * The Paved summary card near the top of component Overview pages: DORA
 * bands, automation score, open incidents and the latest deployment from
 * one request, with a link to the Platform tab.
 *
 * @alpha
 */
export const entitySummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: isComponent,
    // Bundled with the plugin rather than loaded as a chunk: a few kB at
    // the top of Overview, so the page does not wait for one more request.
    loader: async () => compatWrapper(<PavedSummaryCard />),
  },
});
