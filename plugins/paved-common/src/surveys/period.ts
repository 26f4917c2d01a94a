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
import { SurveyPeriodKind } from './types';

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = 24 * 60 * 60 * 1000;

/** ISO 8601 week-numbering year and week of a date, in UTC. */
function isoWeek(date: Date): { year: number; week: number } {
  // The week belongs to the year its Thursday is in.
  const day = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) +
      (3 - day) * DAY,
  );
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstDay = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstDay * DAY;
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * DAY)) + 1;
  return { year, week };
}

/**
 * Id of the survey period a moment falls in, in UTC: `2026-W48` (weekly, ISO
 * weeks), `2026-11` (monthly), `2026-Q4` (quarterly) or `2026` (yearly).
 * Ids of one kind sort in time order as plain strings.
 *
 * @public
 */
export function surveyPeriodId(kind: SurveyPeriodKind, date: Date): string {
  const year = date.getUTCFullYear();
  switch (kind) {
    case 'weekly': {
      const w = isoWeek(date);
      return `${w.year}-W${pad(w.week)}`;
    }
    case 'monthly':
      return `${year}-${pad(date.getUTCMonth() + 1)}`;
    case 'quarterly':
      return `${year}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
    case 'yearly':
      return String(year);
    default:
      throw new Error(`Unknown survey period ${kind}`);
  }
}

/**
 * First moment (UTC) of a period given by its id.
 *
 * @public
 */
export function surveyPeriodStart(kind: SurveyPeriodKind, id: string): Date {
  const fail = () => new Error(`'${id}' is not a ${kind} period id`);
  switch (kind) {
    case 'weekly': {
      const m = /^(\d{4})-W(\d{2})$/.exec(id);
      if (!m) throw fail();
      const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
      const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY;
      return new Date(week1Monday + (Number(m[2]) - 1) * 7 * DAY);
    }
    case 'monthly': {
      const m = /^(\d{4})-(\d{2})$/.exec(id);
      if (!m) throw fail();
      return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    }
    case 'quarterly': {
      const m = /^(\d{4})-Q([1-4])$/.exec(id);
      if (!m) throw fail();
      return new Date(Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1));
    }
    case 'yearly': {
      if (!/^\d{4}$/.test(id)) throw fail();
      return new Date(Date.UTC(Number(id), 0, 1));
    }
    default:
      throw fail();
  }
}

/**
 * The id of the period `delta` periods before (negative) or after a given one.
 *
 * @public
 */
export function shiftSurveyPeriod(
  kind: SurveyPeriodKind,
  id: string,
  delta: number,
): string {
  const start = surveyPeriodStart(kind, id);
  switch (kind) {
    case 'weekly':
      return surveyPeriodId(kind, new Date(start.getTime() + delta * 7 * DAY));
    case 'monthly':
      return surveyPeriodId(
        kind,
        new Date(
          Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + delta, 1),
        ),
      );
    case 'quarterly':
      return surveyPeriodId(
        kind,
        new Date(
          Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3 * delta, 1),
        ),
      );
    case 'yearly':
      return String(start.getUTCFullYear() + delta);
    default:
      throw new Error(`Unknown survey period ${kind}`);
  }
}
