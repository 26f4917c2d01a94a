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
import { resolveWindow } from './windows';

describe('resolveWindow', () => {
  const now = new Date('2026-11-04T15:00:00Z');

  it('defaults to 28 days ending with today in the time zone', () => {
    // 15:00Z on Nov 4 is 10:00 in New York (EST, UTC-5 since Nov 1).
    const w = resolveWindow({}, 'America/New_York', now);
    expect(w.to.toISOString()).toBe('2026-11-05T05:00:00.000Z');
    // 28 calendar days back crosses the end of summer time (UTC-4).
    expect(w.from.toISOString()).toBe('2026-10-08T04:00:00.000Z');
    expect(w.days).toBe(28);
    // Oct 8 is a Thursday: weeks Oct 8-11, 12-18, 19-25, 26-Nov 1, 2-4.
    expect(w.buckets.map(b => b.start.toISOString())).toEqual([
      '2026-10-08T04:00:00.000Z',
      '2026-10-12T04:00:00.000Z',
      '2026-10-19T04:00:00.000Z',
      '2026-10-26T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
    expect(w.buckets[4].end).toEqual(w.to);
  });

  it('reads dates as whole days and date-times as instants', () => {
    const days = resolveWindow({ from: '2026-10-01', to: '2026-10-01' }, 'UTC');
    expect([days.from.toISOString(), days.to.toISOString()]).toEqual([
      '2026-10-01T00:00:00.000Z',
      '2026-10-02T00:00:00.000Z',
    ]);
    const instants = resolveWindow(
      { from: '2026-10-01T06:00:00Z', to: '2026-10-01T18:00:00+02:00' },
      'UTC',
    );
    expect(instants.to.toISOString()).toBe('2026-10-01T16:00:00.000Z');
    expect(instants.days).toBeCloseTo(10 / 24, 10);
  });

  it('rejects what it cannot use, naming the field', () => {
    expect(() => resolveWindow({ from: 'yesterday' }, 'UTC')).toThrow(
      "from 'yesterday' is neither a date",
    );
    expect(() => resolveWindow({ days: 1.5 }, 'UTC')).toThrow(
      "days must be a whole number between 1 and 1100, got '1.5'",
    );
    expect(() => resolveWindow({ days: 7, from: '2026-10-01' }, 'UTC')).toThrow(
      'Give either days or from, not both',
    );
  });
});
