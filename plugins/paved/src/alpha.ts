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

/**
 * The Paved frontend plugin for the new frontend system.
 *
 * @packageDocumentation
 */

export { default } from './alpha/plugin';
export {
  pavedApi,
  pavedPlatformPage,
  entityWorkloadCard,
} from './alpha/plugin';
export { entityNpsCard, surveyPromptElement } from './alpha/surveys';
export { entityAdoptionCard, entitySloCard } from './alpha/adoption';
export { entityDoraCard } from './alpha/dora';
export { entityFeedbackCard, pavedFeedbackPage } from './alpha/feedback';
export { entityRoadmapItemCard, pavedRoadmapPage } from './alpha/roadmap';
export {
  entityPlatformContent,
  entitySummaryCard,
  PLATFORM_CONTENT_ID,
} from './alpha/platform';
export { orchestratorProviderPickerFormField } from './alpha/scaffolder';
export {
  pavedAnalyticsModule,
  pavedAnalyticsImplementation,
} from './alpha/analytics';
