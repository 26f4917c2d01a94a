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

const MONTH = /^(\d{4})-(\d{2})$/;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A report month, YYYY-MM.
 *
 * @public
 */
export type ReportMonth = { id: string; year: number; month: number };

/**
 * Reads a report month (`2026-11`); an error message naming `field` when
 * it is not one.
 *
 * @public
 */
export function parseReportMonth(
  value: unknown,
  field = 'month',
): ReportMonth | { error: string } {
  const match = typeof value === 'string' ? MONTH.exec(value.trim()) : null;
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    return {
      error: `${field} must be a month as YYYY-MM, e.g. 2026-11 (got ${
        value === undefined ? 'nothing' : `'${String(value)}'`
      })`,
    };
  }
  return { id: `${match[1]}-${match[2]}`, year: Number(match[1]), month };
}

/**
 * The month before a report month (`2026-01` → `2025-12`).
 *
 * @public
 */
export function previousReportMonth(month: string): string {
  const parsed = parseReportMonth(month);
  if ('error' in parsed) throw new Error(parsed.error);
  const { year, month: m } = parsed;
  return m === 1
    ? `${year - 1}-12`
    : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * A report month for people: `2026-11` → `November 2026`.
 *
 * @public
 */
export function reportMonthTitle(month: string): string {
  const parsed = parseReportMonth(month);
  if ('error' in parsed) return month;
  return `${MONTH_NAMES[parsed.month - 1]} ${parsed.year}`;
}

/**
 * The portal page of a month's report.
 *
 * @public
 */
export function reportPagePath(month: string): string {
  return `/paved/report?month=${encodeURIComponent(month)}`;
}
