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
  describeSurveyAudience,
  SURVEY_COMMENT_MAX_LENGTH,
  SurveyResults,
  SurveySummary,
} from '@paved/plugin-paved-common';
import { Command, InvalidArgumentError } from 'commander';
import { createClient, resolveConnection } from '../lib/connection';
import { withBackendMessage } from '../lib/errors';
import { printJson, printOut } from '../lib/output';

function parseScore(value: string): number {
  const score = Number(value);
  if (!/^\d+$/.test(value.trim()) || score < 0 || score > 10) {
    throw new InvalidArgumentError('a whole number from 0 to 10');
  }
  return score;
}

const signed = (nps: number) => (nps > 0 ? `+${nps}` : String(nps));

/** Human-readable results: one line per period, then the newest comments. */
export function formatSurveyResults(results: SurveyResults): string {
  const { survey, periods } = results;
  const lines = [
    `${survey.title} (${survey.ref})${survey.demo ? ' [demo]' : ''}`,
    `Question: ${survey.question}`,
    `Audience: ${describeSurveyAudience(survey.audience)}${
      results.audienceSize === null ? '' : ` (${results.audienceSize} people)`
    }; results need ${survey.minimumAnswers}+ answers per period`,
  ];
  if (periods.length === 0) {
    lines.push('No data: nobody has answered yet.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('');
  lines.push('Period    NPS   Answers  Promoters  Passives  Detractors  Rate');
  for (const p of periods) {
    const demo = p.demo ? ' (demo)' : '';
    if (p.tooFewAnswers) {
      lines.push(`${p.period.padEnd(9)} too few answers${demo}`);
      continue;
    }
    lines.push(
      [
        p.period.padEnd(9),
        (p.nps === null || p.nps === undefined
          ? 'n/a'
          : signed(p.nps)
        ).padStart(4),
        String(p.responses).padStart(8),
        String(p.promoters).padStart(10),
        String(p.passives).padStart(9),
        String(p.detractors).padStart(11),
        (typeof p.responseRate === 'number'
          ? `${Math.round(p.responseRate * 100)}%`
          : '-'
        ).padStart(5),
      ].join(' ') + demo,
    );
  }
  const latest = [...periods].reverse().find(p => p.comments?.length);
  if (latest?.comments) {
    lines.push('', `Comments (${latest.period}):`);
    for (const comment of latest.comments.slice(0, 10)) {
      lines.push(`  - ${comment.replace(/\n/g, '\n    ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function surveyState(s: SurveySummary): string {
  if (!s.open) return 'closed';
  if (s.answered) return 'answered';
  if (s.inAudience === false) return 'not for you';
  return 'open';
}

/** `paved survey list|answer|results`: developer satisfaction surveys. */
export function registerSurveyCommands(program: Command) {
  const survey = program
    .command('survey')
    .description('developer satisfaction (NPS) surveys');

  survey
    .command('list')
    .description('list surveys and whether you answered this period')
    .option('--json', 'print the raw JSON answer')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const connection = await resolveConnection(command);
      const items = await withBackendMessage(
        createClient(connection).listSurveys(),
      );
      if (opts.json) {
        printJson(items);
        return;
      }
      if (items.length === 0) {
        printOut(
          'No surveys in the catalog (add a kind: Survey YAML, see docs/surveys.md)\n',
        );
        return;
      }
      for (const s of items) {
        const state = surveyState(s);
        printOut(
          `${s.ref}  [${state}] ${s.currentPeriod}  ${s.title}${
            s.demo ? ' [demo]' : ''
          }\n    ${s.question}\n`,
        );
      }
    });

  survey
    .command('answer <survey>')
    .description(
      'answer a survey for the current period (again to change your answer); <survey> is a name, namespace/name or entity ref',
    )
    .requiredOption('--score <n>', 'your answer from 0 to 10', parseScore)
    .option(
      '--comment <text>',
      `answer to the follow-up question (at most ${SURVEY_COMMENT_MAX_LENGTH} characters)`,
    )
    .action(
      async (
        ref: string,
        opts: { score: number; comment?: string },
        command: Command,
      ) => {
        const connection = await resolveConnection(command);
        const receipt = await withBackendMessage(
          createClient(connection).answerSurvey(ref, {
            score: opts.score,
            ...(opts.comment !== undefined ? { comment: opts.comment } : {}),
          }),
        );
        printOut(
          `${
            receipt.changed ? 'Changed your answer' : 'Recorded your answer'
          } to ${receipt.survey} for ${receipt.period} (anonymous).\n`,
        );
      },
    );

  survey
    .command('results <survey>')
    .description(
      'show NPS per period (hidden below the survey threshold) and recent comments',
    )
    .option('--json', 'print the raw JSON answer')
    .option('--csv', 'print the CSV export')
    .action(
      async (
        ref: string,
        opts: { json?: boolean; csv?: boolean },
        command: Command,
      ) => {
        const connection = await resolveConnection(command);
        const client = createClient(connection);
        if (opts.csv) {
          printOut(await withBackendMessage(client.getSurveyResultsCsv(ref)));
          return;
        }
        const results = await withBackendMessage(client.getSurveyResults(ref));
        if (opts.json) {
          printJson(results);
        } else {
          printOut(formatSurveyResults(results));
        }
      },
    );
}
