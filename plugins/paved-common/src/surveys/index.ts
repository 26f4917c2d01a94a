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
 * Developer satisfaction surveys: the Survey kind, NPS math, survey periods
 * and comment rules, shared by the catalog module, backend, portal and CLI.
 */

export * from './types';
export {
  SURVEY_MIN_THRESHOLD,
  describeSurveyAudience,
  isSurveyEntity,
  readSurveySpec,
  validateSurveyEntity,
} from './schema';
export type { SurveyValidationResult } from './schema';
export { computeNps, npsCategory, npsFromCounts } from './nps';
export type { NpsBreakdown } from './nps';
export { shiftSurveyPeriod, surveyPeriodId, surveyPeriodStart } from './period';
export {
  SURVEY_COMMENT_MAX_LENGTH,
  sanitizeSurveyComment,
  surveyCommentLength,
} from './comment';
