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
import { computeNps, npsCategory, npsFromCounts } from './nps';
import { sanitizeSurveyComment, surveyCommentLength } from './comment';
import { shiftSurveyPeriod, surveyPeriodId, surveyPeriodStart } from './period';

describe('NPS math', () => {
  it('is "no data" (null), not 0, without answers', () => {
    expect(computeNps([])).toEqual({
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
    });
  });

  it('is 0 when everyone is a passive', () => {
    expect(computeNps([7, 8, 7, 8])).toMatchObject({
      passives: 4,
      nps: 0,
    });
  });

  it('puts 9–10 in promoters, 7–8 in passives and 0–6 in detractors', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect(computeNps([10, 10, 10])).toMatchObject({ nps: 100 });
    expect(computeNps([0, 3, 6])).toMatchObject({ nps: -100 });
  });

  it('rounds to a whole number, halves away from zero', () => {
    // 1 promoter, 7 passives: +12.5 → 13; mirrored: −12.5 → −13.
    expect(
      npsFromCounts({ promoters: 1, passives: 7, detractors: 0 }).nps,
    ).toBe(13);
    expect(
      npsFromCounts({ promoters: 0, passives: 7, detractors: 1 }).nps,
    ).toBe(-13);
    // 2 promoters, 1 detractor of 3: 33.33… → 33.
    expect(computeNps([9, 10, 3]).nps).toBe(33);
    // 2 of 3 promoters, no detractors: 66.66… → 67.
    expect(computeNps([9, 10, 7]).nps).toBe(67);
    // Equal promoters and detractors gives 0, never −0.
    expect(Object.is(computeNps([10, 0]).nps, 0)).toBe(true);
  });

  it('rejects answers outside 0–10 or not whole', () => {
    expect(() => computeNps([11])).toThrow(RangeError);
    expect(() => computeNps([-1])).toThrow(RangeError);
    expect(() => computeNps([7.5])).toThrow(RangeError);
  });
});

describe('survey periods', () => {
  const at = (iso: string) => new Date(iso);

  it('names periods in UTC', () => {
    const date = at('2026-11-25T12:00:00Z');
    expect(surveyPeriodId('quarterly', date)).toBe('2026-Q4');
    expect(surveyPeriodId('monthly', date)).toBe('2026-11');
    expect(surveyPeriodId('weekly', date)).toBe('2026-W48');
    expect(surveyPeriodId('yearly', date)).toBe('2026');
    // Just before midnight UTC on New Year's Eve is still the old year,
    // whatever the local time zone.
    expect(surveyPeriodId('quarterly', at('2026-12-31T23:59:59Z'))).toBe(
      '2026-Q4',
    );
  });

  it('uses ISO weeks across year ends', () => {
    // 2027-01-01 is a Friday: ISO week 53 of 2026.
    expect(surveyPeriodId('weekly', at('2027-01-01T00:00:00Z'))).toBe(
      '2026-W53',
    );
    // 2024-12-30 is a Monday in ISO week 1 of 2025.
    expect(surveyPeriodId('weekly', at('2024-12-30T00:00:00Z'))).toBe(
      '2025-W01',
    );
  });

  it('finds period starts and shifts periods', () => {
    expect(surveyPeriodStart('quarterly', '2026-Q4').toISOString()).toBe(
      '2026-10-01T00:00:00.000Z',
    );
    expect(surveyPeriodStart('weekly', '2026-W48').toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(shiftSurveyPeriod('quarterly', '2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftSurveyPeriod('monthly', '2026-01', -2)).toBe('2025-11');
    expect(shiftSurveyPeriod('weekly', '2026-W01', -1)).toBe('2025-W52');
    expect(shiftSurveyPeriod('yearly', '2026', 1)).toBe('2027');
    expect(() => surveyPeriodStart('quarterly', '2026-Q5')).toThrow(
      /not a quarterly period/,
    );
  });
});

describe('survey comments', () => {
  it('removes control characters but keeps newlines and tabs', () => {
    expect(
      sanitizeSurveyComment('a\u0000b\u0007c\r\nd\te\u001b[31m\u009b'),
    ).toBe('abc\nd\te[31m');
  });

  it('removes bidirectional overrides and trims', () => {
    expect(sanitizeSurveyComment('  ok\u202egnp.exe  ')).toBe('okgnp.exe');
  });

  it('treats empty and whitespace-only comments as none', () => {
    expect(sanitizeSurveyComment(undefined)).toBeUndefined();
    expect(sanitizeSurveyComment(' \n\t\u0000 ')).toBeUndefined();
  });

  it('keeps markup as plain text', () => {
    const text = '<script>window.__pwned=1</script><b>bold</b>';
    expect(sanitizeSurveyComment(text)).toBe(text);
  });

  it('counts code points', () => {
    expect(surveyCommentLength('👍👍')).toBe(2);
  });
});
