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
 * Adoption & scores of a component: automation score with each check
 * (failing ones first, with how to fix them) and complexity score with its
 * factors. For component pages.
 *
 * @public
 */
export const EntityAdoptionCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityAdoptionCard',
    component: {
      lazy: () =>
        import('./components/Adoption').then(m => m.EntityAdoptionCard),
    },
  }),
);

/**
 * Service level objectives of the entity with error budget left and burn
 * rate. Show it when `isSloAvailable(entity)` is true.
 *
 * @public
 */
export const EntitySloCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () => import('./components/Slos').then(m => m.EntitySloCard),
    },
  }),
);
