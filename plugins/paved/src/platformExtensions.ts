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
import { createComponentExtension } from '@backstage/core-plugin-api';
import { pavedPlugin } from './plugin';

/**
 * The Platform tab of component pages, for apps on the legacy frontend
 * system: mount it as an `EntityLayout.Route path="/platform"
 * title="Platform"`. Without children it shows Paved's cards in the default
 * order (DORA, deployments, adoption and scores, SLOs, NPS, workload), each
 * where it applies; pass the cards as children to choose and order them.
 *
 * @public
 */
export const EntityPavedPlatformContent = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityPavedPlatformContent',
    component: {
      lazy: () =>
        import('./components/PlatformTab/LegacyPlatformContent').then(
          m => m.LegacyPlatformContent,
        ),
    },
  }),
);

/**
 * The compact Paved summary card for the top of a component's Overview:
 * DORA bands, automation score, open incidents and the latest deployment
 * from one request, linking to the Platform tab (`platformPath`, default
 * `platform`).
 *
 * @public
 */
export const EntityPavedSummaryCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityPavedSummaryCard',
    component: {
      lazy: () =>
        import('./components/EntitySummary').then(m => m.PavedSummaryCard),
    },
  }),
);
