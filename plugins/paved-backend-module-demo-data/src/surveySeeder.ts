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
import {
  shiftSurveyPeriod,
  SURVEY_DEMO_ANNOTATION,
} from '@paved/plugin-paved-common';
import {
  PavedDemoDataSeeder,
  PavedDemoSurveyAnswer,
} from '@paved/plugin-paved-node';

// Promoters / passives / detractors per period, oldest first, ending with the
// current period. The current period stays below the default threshold of 5
// so the portal shows how a new period starts.
const DEMO_PERIODS: Array<[number, number, number]> = [
  [3, 4, 4],
  [5, 5, 4],
  [7, 6, 3],
  [10, 6, 3],
  [2, 1, 1],
];

const DEMO_COMMENTS = [
  '(demo) Golden path templates saved us a week on the new service.',
  '(demo) Deployments are fast now, but the logs are hard to find.',
  '(demo) Please document how to add a database to a workload.',
  '(demo) The CLI is great; I rarely open the portal.',
  '(demo) Onboarding took too long, docs were out of date.',
  '(demo) Score files make local and cloud environments feel the same.',
];

/**
 * Clearly labelled demo answers (`source = 'demo'`) for surveys that carry
 * the `paved.dev/demo-answers: 'true'` annotation: four past periods with
 * results and a current one still below the default threshold. Demo
 * respondents are fixed (`demo:N`), so seeding again adds nothing.
 *
 * @public
 */
export const demoSurveySeeder: PavedDemoDataSeeder = {
  id: 'surveys',
  async seedSurvey({ survey, logger, addAnswers }) {
    const { ref, entity, currentPeriod } = survey;
    if (entity.metadata.annotations?.[SURVEY_DEMO_ANNOTATION] !== 'true') {
      return;
    }
    const answers: PavedDemoSurveyAnswer[] = [];
    let commentIndex = 0;
    for (let i = 0; i < DEMO_PERIODS.length; i++) {
      const period = shiftSurveyPeriod(
        entity.spec.period,
        currentPeriod,
        i - (DEMO_PERIODS.length - 1),
      );
      const [promoters, passives, detractors] = DEMO_PERIODS[i];
      const scores = [
        ...Array.from({ length: promoters }, (_, j) => 9 + (j % 2)),
        ...Array.from({ length: passives }, (_, j) => 7 + (j % 2)),
        ...Array.from({ length: detractors }, (_, j) => 3 + (j % 4)),
      ];
      for (let j = 0; j < scores.length; j++) {
        const withComment = j % 4 === 1;
        answers.push({
          period,
          respondent: `demo:${j}`,
          score: scores[j],
          comment: withComment
            ? DEMO_COMMENTS[commentIndex++ % DEMO_COMMENTS.length]
            : undefined,
        });
      }
    }
    await addAnswers(answers);
    logger.info(`Seeded demo survey answers for ${ref}`);
  },
};
