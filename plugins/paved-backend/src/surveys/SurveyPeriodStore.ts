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
import { Knex } from 'knex';

/** The figures of a period as released: counts, score and comments. */
export type ReleasedSurveyResult = {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  /** Sorted by text. */
  comments: string[];
};

/** What a period has released and under which threshold. */
export type SurveyPeriodState = {
  period: string;
  /** The threshold in force: it never falls, and is frozen once closed. */
  minimumAnswers: number;
  closed: boolean;
  releasedAnswers: number;
  released?: ReleasedSurveyResult;
};

const TABLE = 'paved_survey_periods';

/**
 * Released results and thresholds of survey periods. Writes are
 * conditional upserts, so concurrent readers of one survey agree: a release
 * only ever grows, and so does a period's threshold.
 */
export class SurveyPeriodStore {
  constructor(private readonly db: Knex) {}

  async list(surveyRef: string): Promise<Map<string, SurveyPeriodState>> {
    const rows = await this.db(TABLE).where({ survey_ref: surveyRef }).select();
    return new Map(
      rows.map(row => [
        String(row.period),
        {
          period: String(row.period),
          minimumAnswers: Number(row.minimum_answers),
          closed: Boolean(row.closed),
          releasedAnswers: Number(row.released_answers),
          released: row.released_result
            ? (JSON.parse(row.released_result) as ReleasedSurveyResult)
            : undefined,
        },
      ]),
    );
  }

  /**
   * A period that takes answers, under the survey's current threshold. A
   * period's threshold can rise but never fall: lowering minimumAnswers,
   * or closing and reopening a period, cannot reveal fewer answers than
   * the period was once held to. Returns the threshold in force.
   */
  async markOpen(
    surveyRef: string,
    period: string,
    minimumAnswers: number,
  ): Promise<number> {
    await this.db(TABLE)
      .insert({
        survey_ref: surveyRef,
        period,
        minimum_answers: minimumAnswers,
        closed: false,
        released_answers: 0,
        updated_at: new Date(),
      })
      .onConflict(['survey_ref', 'period'])
      .merge({
        minimum_answers: this.db.raw(
          `CASE WHEN ${TABLE}.minimum_answers > ? THEN ${TABLE}.minimum_answers ELSE ? END`,
          [minimumAnswers, minimumAnswers],
        ),
        closed: false,
        updated_at: new Date(),
      });
    return this.minimumOf(surveyRef, period);
  }

  /**
   * A period that stopped taking answers: its threshold is frozen at the
   * one last in force (`minimumAnswers` when nothing was recorded while it
   * was open). Returns the frozen threshold.
   */
  async markClosed(
    surveyRef: string,
    period: string,
    minimumAnswers: number,
  ): Promise<number> {
    await this.db(TABLE)
      .insert({
        survey_ref: surveyRef,
        period,
        minimum_answers: minimumAnswers,
        closed: true,
        released_answers: 0,
        updated_at: new Date(),
      })
      .onConflict(['survey_ref', 'period'])
      .merge(['closed', 'updated_at']);
    return this.minimumOf(surveyRef, period);
  }

  private async minimumOf(surveyRef: string, period: string) {
    const row = await this.db(TABLE)
      .where({ survey_ref: surveyRef, period })
      .first('minimum_answers');
    return Number(row.minimum_answers);
  }

  /** Stores a release unless one counting as many answers or more exists. */
  async release(
    surveyRef: string,
    period: string,
    result: ReleasedSurveyResult,
  ): Promise<void> {
    await this.db(TABLE)
      .where({ survey_ref: surveyRef, period })
      .where('released_answers', '<', result.responses)
      .update({
        released_answers: result.responses,
        released_result: JSON.stringify(result),
        updated_at: new Date(),
      });
  }
}
