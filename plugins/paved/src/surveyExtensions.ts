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
 * Developer satisfaction (NPS) of the surveys about the entity: score,
 * breakdown, response rate, trend and recent comments. For component,
 * system and template pages.
 *
 * @public
 */
export const EntityNpsCard = pavedPlugin.provide(
  createComponentExtension({
    name: 'EntityNpsCard',
    component: {
      lazy: () => import('./components/Surveys').then(m => m.EntityNpsCard),
    },
  }),
);

/**
 * The in-portal survey prompt: render it once inside the app (for example
 * next to the routes); it asks signed-in people to answer open surveys.
 *
 * @public
 */
export const SurveyPrompt = pavedPlugin.provide(
  createComponentExtension({
    name: 'SurveyPrompt',
    component: {
      lazy: () => import('./components/Surveys').then(m => m.SurveyPrompt),
    },
  }),
);
