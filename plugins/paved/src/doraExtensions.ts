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
 * The four DORA keys of a component, each with its band and weekly trend,
 * with a window selector. For component pages.
 *
 * @public
 */
export const EntityDoraCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityDoraCard',
    component: {
      lazy: () => import('./components/Dora').then(m => m.DoraCard),
    },
  }),
);
