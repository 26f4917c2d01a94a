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
import { PavedActions } from '../actions/PavedActions';
import { responseZod } from '../actions/openApiSchemas';
import { SURVEY_RESULTS_LIST_RULE, surveyResultsBySubject } from './routes';
import { SurveyService } from './SurveyService';

/** Registers `get-survey-results`: `GET /v1/survey-results`. */
export function registerSurveyActions(
  actions: PavedActions,
  surveys: SurveyService,
) {
  actions.register({
    name: 'get-survey-results',
    title: 'Developer satisfaction survey results',
    description: [
      'Net Promoter Score (NPS) results of the developer satisfaction surveys about a subject (the',
      'platform as a whole, or one service or template), per period (e.g. 2026-Q4): responses,',
      'promoters (9-10), passives (7-8), detractors (0-6), nps from -100 to +100, responseRate 0 to 1',
      "and comments. Answers are anonymous: below a period's minimumAnswers threshold only",
      'tooFewAnswers is true and no counts, scores or comments are given — that means "not',
      'available to protect anonymity", not a score of zero. While a period is collecting, its',
      'figures change only in steps. demo true marks labelled demo data. Only the surveys the caller',
      'may read results of are included (their owners and the platform team); an empty list means',
      'there are none for this subject that the caller may read.',
    ].join(' '),
    attributes: { readOnly: true },
    schema: {
      input: z =>
        z.object({
          subject: z
            .string()
            .min(1)
            .describe(
              '"platform", or an entity ref such as component:default/paved-backend.',
            ),
        }),
      output: z => responseZod(z, 'GetSurveyResultsBySubject'),
    },
    rule: {
      ...SURVEY_RESULTS_LIST_RULE,
      auditMeta: input => ({ subject: input.subject }),
    },
    handler: (input, context) =>
      surveyResultsBySubject(surveys, input.subject, context),
  });
}
