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
import { SloErrorBudget, SloStatus } from './types';

/**
 * The error budget of an event-based objective (deployment success rate,
 * lead time): `total × (1 − target)` bad events are allowed; `remaining` is
 * `1 − bad / allowed` (negative when overspent). Null without events.
 *
 * @public
 */
export function eventErrorBudget(options: {
  good: number;
  total: number;
  target: number;
}): { sli: number | null; errorBudget: SloErrorBudget | null } {
  const { good, total, target } = options;
  if (total <= 0) return { sli: null, errorBudget: null };
  const bad = total - good;
  const allowed = total * (1 - target);
  return {
    sli: good / total,
    errorBudget: { allowed, spent: bad, remaining: 1 - bad / allowed },
  };
}

/**
 * The error budget of a time-based objective (availability): `window × (1 −
 * target)` seconds of downtime are allowed.
 *
 * @public
 */
export function timeErrorBudget(options: {
  badSeconds: number;
  windowSeconds: number;
  target: number;
}): { sli: number; errorBudget: SloErrorBudget } {
  const { badSeconds, windowSeconds, target } = options;
  const allowed = windowSeconds * (1 - target);
  return {
    sli: 1 - badSeconds / windowSeconds,
    errorBudget: {
      allowed,
      spent: badSeconds,
      remaining: 1 - badSeconds / allowed,
    },
  };
}

/**
 * The burn rate over a lookback: the observed error rate divided by the
 * error rate the objective allows. 1 spends the budget exactly over the
 * window, 2 twice as fast. Null without events.
 *
 * @public
 */
export function burnRate(options: {
  bad: number;
  total: number;
  target: number;
}): number | null {
  const { bad, total, target } = options;
  if (total <= 0) return null;
  return bad / total / (1 - target);
}

/**
 * `exhausted` when nothing of the budget is left, `at-risk` when it burns
 * faster than it may (burn rate above 1) or less than a quarter is left,
 * `healthy` otherwise, `no-data` without events.
 *
 * @public
 */
export function sloStatus(
  budget: SloErrorBudget | null,
  rate: number | null,
): SloStatus {
  // Ratios like 0.1 / (1 - 0.9) are not exact in floating point.
  const epsilon = 1e-9;
  if (!budget) return 'no-data';
  if (budget.remaining <= epsilon) return 'exhausted';
  if ((rate !== null && rate > 1 + epsilon) || budget.remaining < 0.25) {
    return 'at-risk';
  }
  return 'healthy';
}

/**
 * Seconds covered by the union of intervals, clipped to `[from, to)`.
 * Overlapping incidents count once. Times are epoch milliseconds; an
 * interval without an end lasts until `to`.
 *
 * @public
 */
export function coveredSeconds(
  intervals: Array<{ start: number; end?: number | null }>,
  from: number,
  to: number,
): number {
  const clipped = intervals
    .map(i => ({
      start: Math.max(i.start, from),
      end: Math.min(i.end ?? to, to),
    }))
    .filter(i => i.end > i.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let current: { start: number; end: number } | undefined;
  for (const interval of clipped) {
    if (current && interval.start <= current.end) {
      current.end = Math.max(current.end, interval.end);
    } else {
      if (current) total += current.end - current.start;
      current = { ...interval };
    }
  }
  if (current) total += current.end - current.start;
  return total / 1000;
}
