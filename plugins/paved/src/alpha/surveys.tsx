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
import { AppRootElementBlueprint } from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { lazy, Suspense } from 'react';
import { platformTabCards } from './platform';

const SURVEY_SUBJECT_KINDS = ['component', 'system', 'template'];

/**
 * The NPS card on component, system and template pages (on the Platform
 * tab, which only component pages have; attach it to
 * `entity-content:catalog/overview` in app.extensions for the others).
 *
 * @alpha
 */
export const entityNpsCard = EntityCardBlueprint.make({
  name: 'nps',
  attachTo: platformTabCards,
  params: {
    filter: (entity: Entity) =>
      SURVEY_SUBJECT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')),
    loader: () =>
      import('../components/Surveys').then(m =>
        compatWrapper(<m.EntityNpsCard />),
      ),
  },
});

const LazySurveyPrompt = lazy(() =>
  import('../components/Surveys').then(m => ({ default: m.SurveyPrompt })),
);

/**
 * The survey prompt, rendered once at the app root.
 *
 * @alpha
 */
export const surveyPromptElement = AppRootElementBlueprint.make({
  name: 'survey-prompt',
  params: {
    element: compatWrapper(
      <Suspense fallback={null}>
        <LazySurveyPrompt />
      </Suspense>,
    ),
  },
});
