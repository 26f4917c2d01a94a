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

/** An admin's open/closed override of a survey. */
export type SurveyStateOverride = {
  open: boolean;
  changedBy?: string;
  changedAt: Date;
};

const TABLE = 'paved_survey_state';

/** Open/closed overrides set from the Platform page. */
export class SurveyStateStore {
  constructor(private readonly db: Knex) {}

  async getAll(): Promise<Map<string, SurveyStateOverride>> {
    const rows = await this.db(TABLE).select();
    return new Map(rows.map(r => [String(r.survey_ref), toOverride(r)]));
  }

  async get(surveyRef: string): Promise<SurveyStateOverride | undefined> {
    const row = await this.db(TABLE).where({ survey_ref: surveyRef }).first();
    return row ? toOverride(row) : undefined;
  }

  async set(
    surveyRef: string,
    open: boolean,
    changedBy: string | undefined,
    now: Date = new Date(),
  ): Promise<void> {
    await this.db(TABLE)
      .insert({
        survey_ref: surveyRef,
        open,
        changed_by: changedBy ?? null,
        changed_at: now,
      })
      .onConflict('survey_ref')
      .merge(['open', 'changed_by', 'changed_at']);
  }
}

function toOverride(row: any): SurveyStateOverride {
  return {
    // SQLite stores booleans as 0/1.
    open: Boolean(row.open),
    changedBy: row.changed_by ?? undefined,
    changedAt:
      row.changed_at instanceof Date
        ? row.changed_at
        : new Date(row.changed_at),
  };
}
