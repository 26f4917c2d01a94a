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

/** A stored answer as the service reads it: no identity, no time. */
export type StoredSurveyAnswer = {
  period: string;
  score: number;
  comment: string | null;
  source: 'user' | 'demo';
};

const TABLE = 'paved_survey_answers';
const KEY = ['survey_ref', 'period', 'respondent_hash'];

/**
 * Answers to surveys, one row per (survey, period, respondent hash). The
 * table's primary key is that triple, so concurrent submits by one person
 * end up as one row whatever the interleaving.
 */
export class SurveyAnswerStore {
  constructor(private readonly db: Knex) {}

  /** Records or replaces a person's answer for a period. */
  async upsert(answer: {
    surveyRef: string;
    period: string;
    respondentHash: string;
    score: number;
    comment?: string;
  }): Promise<void> {
    await this.db(TABLE)
      .insert({
        survey_ref: answer.surveyRef,
        period: answer.period,
        respondent_hash: answer.respondentHash,
        score: answer.score,
        comment: answer.comment ?? null,
        source: 'user',
      })
      .onConflict(KEY)
      .merge(['score', 'comment']);
  }

  /** Adds demo answers, leaving any that already exist alone. */
  async insertDemo(
    rows: Array<{
      surveyRef: string;
      period: string;
      respondentHash: string;
      score: number;
      comment?: string;
    }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db(TABLE)
      .insert(
        rows.map(r => ({
          survey_ref: r.surveyRef,
          period: r.period,
          respondent_hash: r.respondentHash,
          score: r.score,
          comment: r.comment ?? null,
          source: 'demo',
        })),
      )
      .onConflict(KEY)
      .ignore();
  }

  async exists(
    surveyRef: string,
    period: string,
    respondentHash: string,
  ): Promise<boolean> {
    const row = await this.db(TABLE)
      .where({
        survey_ref: surveyRef,
        period,
        respondent_hash: respondentHash,
      })
      .first('score');
    return Boolean(row);
  }

  /** Whether an answer exists under any of these hashes. */
  async existsAny(
    surveyRef: string,
    period: string,
    respondentHashes: string[],
  ): Promise<boolean> {
    const row = await this.db(TABLE)
      .where({ survey_ref: surveyRef, period })
      .whereIn('respondent_hash', respondentHashes)
      .first('score');
    return Boolean(row);
  }

  /**
   * Moves an answer from the hash of a rotated key to the current one.
   * Returns whether there was one to move.
   */
  async rekey(
    surveyRef: string,
    period: string,
    from: string,
    to: string,
  ): Promise<boolean> {
    const moved = await this.db(TABLE)
      .where({ survey_ref: surveyRef, period, respondent_hash: from })
      .update({ respondent_hash: to });
    return moved > 0;
  }

  /** All answers to a survey, without the respondent hash. */
  async list(
    surveyRef: string,
    options: { includeDemo: boolean },
  ): Promise<StoredSurveyAnswer[]> {
    const query = this.db(TABLE)
      .where({ survey_ref: surveyRef })
      .select('period', 'score', 'comment', 'source');
    if (!options.includeDemo) {
      query.andWhere({ source: 'user' });
    }
    const rows = await query;
    return rows.map(r => ({
      period: String(r.period),
      score: Number(r.score),
      comment: r.comment ?? null,
      source: r.source === 'demo' ? 'demo' : 'user',
    }));
  }

  async hasDemo(surveyRef: string): Promise<boolean> {
    const row = await this.db(TABLE)
      .where({ survey_ref: surveyRef, source: 'demo' })
      .first('score');
    return Boolean(row);
  }
}
