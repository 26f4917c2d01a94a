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
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { SurveyResultsCard } from './SurveyResultsCard';

/**
 * Developer satisfaction (NPS) of the surveys about the current entity: a
 * component, system or template. Renders nothing when no survey is about it.
 *
 * @public
 */
export const EntityNpsCard = () => {
  const { entity } = useEntity();
  return (
    <SurveyResultsCard
      subject={stringifyEntityRef(entity)}
      title="Developer satisfaction (NPS)"
      hideWhenEmpty
    />
  );
};

/**
 * The platform's NPS and its trend, for the Platform page.
 *
 * @public
 */
export const PlatformNpsCard = () => (
  <SurveyResultsCard subject="platform" title="Platform satisfaction (NPS)" />
);
