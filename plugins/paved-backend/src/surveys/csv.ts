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
import { SurveyPeriodResult, SurveyResults } from '@paved/plugin-paved-common';

const HEADER = [
  'survey',
  'period',
  'demo',
  'responses',
  'promoters',
  'passives',
  'detractors',
  'nps',
  'response_rate',
  'note',
];

function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote anything that could break the row, and defuse spreadsheet formulas
  // in text cells (numbers such as -20 stay numbers).
  const risky = typeof value === 'string' && /^[=+\-@\t\r]/.test(text);
  const safe = risky ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Thresholded results as CSV, one row per period. Periods below the survey's
 * minimum number of answers have empty numbers and a note, exactly like the
 * API. Comments are not exported.
 */
export function surveyResultsCsv(results: SurveyResults[]): string {
  const lines = [HEADER.join(',')];
  for (const result of results) {
    for (const p of result.periods) {
      lines.push(row(result.survey.ref, result.survey.minimumAnswers, p));
    }
  }
  return `${lines.join('\n')}\n`;
}

function row(survey: string, minimum: number, p: SurveyPeriodResult): string {
  const values = p.tooFewAnswers
    ? [
        survey,
        p.period,
        p.demo,
        null,
        null,
        null,
        null,
        null,
        null,
        `too few answers (fewer than ${p.minimumAnswers ?? minimum})`,
      ]
    : [
        survey,
        p.period,
        p.demo,
        p.responses,
        p.promoters,
        p.passives,
        p.detractors,
        p.nps === null ? null : p.nps,
        p.responseRate === null || p.responseRate === undefined
          ? null
          : p.responseRate.toFixed(3),
        p.nps === null ? 'no data' : null,
      ];
  return values.map(cell).join(',');
}
