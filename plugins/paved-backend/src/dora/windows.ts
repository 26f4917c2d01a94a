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
import { InputError } from '@backstage/errors';
import { DateTime } from 'luxon';

/** A report window with its weekly trend buckets, all as instants. */
export type ResolvedWindow = {
  from: Date;
  to: Date;
  /** Calendar days of the time zone between from and to. */
  days: number;
  timeZone: string;
  /** Monday-to-Monday weeks of the time zone, cut to the window. */
  buckets: Array<{ start: Date; end: Date }>;
};

/** Default window length, and the longest window a report may span. */
export const DEFAULT_WINDOW_DAYS = 28;
export const MAX_WINDOW_DAYS = 1100;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns `from`/`to`/`days` into instants. Dates (YYYY-MM-DD) are calendar
 * days in `timeZone`, both inclusive; date-times are instants, `to`
 * exclusive. Without `from`, the window is `days` (default 28) days ending
 * with today (in `timeZone`).
 */
export function resolveWindow(
  input: { from?: string; to?: string; days?: number },
  timeZone: string,
  now: Date = new Date(),
): ResolvedWindow {
  if (
    input.days !== undefined &&
    (!Number.isInteger(input.days) ||
      input.days < 1 ||
      input.days > MAX_WINDOW_DAYS)
  ) {
    throw new InputError(
      `days must be a whole number between 1 and ${MAX_WINDOW_DAYS}, got '${input.days}'`,
    );
  }
  if (input.days !== undefined && input.from !== undefined) {
    throw new InputError('Give either days or from, not both');
  }
  const days = input.days ?? DEFAULT_WINDOW_DAYS;
  const to = input.to
    ? parseBoundary(input.to, 'to', timeZone, true)
    : DateTime.fromJSDate(now, { zone: timeZone })
        .startOf('day')
        .plus({ days: 1 });
  const from = input.from
    ? parseBoundary(input.from, 'from', timeZone, false)
    : to.minus({ days });
  if (from >= to) {
    throw new InputError(
      `from (${from.toISO()}) must be before to (${to.toISO()})`,
    );
  }
  const length = to.diff(from, 'days').days;
  if (length > MAX_WINDOW_DAYS) {
    throw new InputError(
      `The window spans ${Math.ceil(
        length,
      )} days; at most ${MAX_WINDOW_DAYS} are allowed`,
    );
  }
  return {
    from: from.toJSDate(),
    to: to.toJSDate(),
    days: length,
    timeZone,
    buckets: weeklyBuckets(from, to),
  };
}

function parseBoundary(
  value: string,
  field: 'from' | 'to',
  timeZone: string,
  endOfDay: boolean,
): DateTime {
  const text = value.trim();
  if (DATE_ONLY.test(text)) {
    const day = DateTime.fromISO(text, { zone: timeZone });
    if (!day.isValid) {
      throw new InputError(`${field} '${value}' is not a valid date`);
    }
    return endOfDay ? day.plus({ days: 1 }) : day;
  }
  const instant = DateTime.fromISO(text, { zone: timeZone, setZone: false });
  if (!instant.isValid) {
    throw new InputError(
      `${field} '${value}' is neither a date (2026-10-01) nor an ISO 8601 date-time (2026-10-01T00:00:00Z)`,
    );
  }
  return instant.setZone(timeZone);
}

/** ISO weeks (Monday 00:00 in the zone) overlapping [from, to), cut to it. */
function weeklyBuckets(from: DateTime, to: DateTime) {
  const buckets: Array<{ start: Date; end: Date }> = [];
  let start = from;
  while (start < to) {
    const nextMonday = start.startOf('week').plus({ weeks: 1 });
    const end = nextMonday < to ? nextMonday : to;
    buckets.push({ start: start.toJSDate(), end: end.toJSDate() });
    start = end;
  }
  return buckets;
}
