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
 * The Paved frontend plugin: the Platform page and entity cards.
 *
 * This is the legacy frontend system export; see `/alpha` for the new
 * frontend system.
 *
 * @packageDocumentation
 */

export { pavedPlugin, PavedPlatformPage, EntityWorkloadCard } from './plugin';
export { EntityDeploymentsCard } from './plugin';
export { isScoreWorkloadAvailable } from './components/WorkloadCard/workloadSummary';
export { EntityNpsCard, SurveyPrompt } from './surveyExtensions';
export { EntityAdoptionCard, EntitySloCard } from './adoptionExtensions';
export { EntityDoraCard } from './doraExtensions';
export { PavedFeedbackPage, EntityFeedbackCard } from './feedbackExtensions';
export { PavedRoadmapPage, EntityRoadmapItemCard } from './roadmapExtensions';
export { PavedReportPage } from './reportExtensions';
export { PavedOrchestratorProviderPickerFieldExtension } from './scaffolderExtensions';
export type { OrchestratorProviderPickerUiOptions } from './components/OrchestratorProviderPicker';
export {
  EntityPavedPlatformContent,
  EntityPavedSummaryCard,
} from './platformExtensions';
export { isSloAvailable } from './components/Slos/isSloAvailable';
export { AdoptionDashboard } from './components/PlatformDashboard';
export { PavedAnalytics } from './analytics/PavedAnalytics';
export { pavedApiRef } from './api';
export {
  feedbackRouteRef,
  reportRouteRef,
  roadmapRouteRef,
  rootRouteRef,
} from './routes';
