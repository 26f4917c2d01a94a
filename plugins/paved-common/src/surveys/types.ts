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
import * as generated from '../generated/models';

/** `apiVersion` of Paved's own catalog kinds. @public */
export const PAVED_API_VERSION = 'paved.dev/v1alpha1';

/** The catalog kind of a survey definition. @public */
export const SURVEY_KIND = 'Survey';

/**
 * Annotation on a Survey that asks the backend to seed clearly labelled demo
 * answers for it while `paved.demoData.enabled` is true.
 *
 * @public
 */
export const SURVEY_DEMO_ANNOTATION = 'paved.dev/demo-answers';

/** How often a survey asks the same person again. @public */
export type SurveyPeriodKind = generated.SurveySummary['period'];

/**
 * Who a survey asks.
 *
 * - `everyone`: every signed-in user.
 * - `groups`: direct members of the listed groups.
 * - `owners`: the owners (users, or direct members of owning groups) of the
 *   catalog entities that match `filter`.
 *
 * @public
 */
export type SurveyAudience = generated.SurveyAudience;

/**
 * The `spec` of a Survey entity, after validation and defaults.
 *
 * @public
 */
export type SurveySpec = {
  /** Entity ref of the team that owns the survey, e.g. `group:default/platform-team`. */
  owner?: string;
  /** The 0–10 question. */
  question: string;
  /** Optional free-text follow-up question. */
  followUp?: string;
  /**
   * What the survey is about: `platform` (the platform as a whole) or the
   * entity ref of a template, system or component.
   */
  subject: string;
  audience: SurveyAudience;
  period: SurveyPeriodKind;
  /** Answers needed in a period before its results show. At least 3; default 5. */
  minimumAnswers: number;
  /** Whether the survey takes answers; admins can override it in the portal. */
  status: 'open' | 'closed';
};

/**
 * A Survey catalog entity.
 *
 * @public
 */
export type SurveyEntity = {
  apiVersion: typeof PAVED_API_VERSION;
  kind: typeof SURVEY_KIND;
  metadata: {
    name: string;
    namespace?: string;
    title: string;
    description?: string;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec: SurveySpec;
};

/**
 * A survey as the API lists it.
 *
 * @public
 */
export type SurveySummary = generated.SurveySummary;

/**
 * Result of one period. Below the survey's minimum number of answers only
 * `tooFewAnswers` is set: no counts, scores or comments.
 *
 * @public
 */
export type SurveyPeriodResult = generated.SurveyPeriodResult;

/**
 * Results of a survey, oldest period first.
 *
 * @public
 */
export type SurveyResults = generated.SurveyResults;

/**
 * Answer of `POST /v1/surveys/{namespace}/{name}/answers`.
 *
 * @public
 */
export type SurveyAnswerReceipt = generated.SurveyAnswerReceipt;
