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
import {
  burnRate,
  coveredSeconds,
  eventErrorBudget,
  sloStatus,
  timeErrorBudget,
} from './budget';
import { formatSloDuration, parseSloDuration } from './duration';
import { parseSloDeclaration } from './schema';

describe('SLO declarations', () => {
  it('parses a document with every objective type and applies the defaults', () => {
    const declaration = parseSloDeclaration(`
window: 28d
objectives:
  - name: deployments-succeed
    type: deployment-success-rate
    target: 0.95
  - name: available
    type: availability
    target: '99.9%'
    severities: [sev1, sev2]
    burnRateWindow: 1d
  - name: fast-delivery
    type: lead-time
    target: 0.9
    threshold: 2d
    window: 4w
`);
    expect(declaration.errors).toEqual([]);
    expect(declaration.window).toBe('28d');
    expect(declaration.objectives).toEqual([
      {
        name: 'deployments-succeed',
        type: 'deployment-success-rate',
        target: 0.95,
        window: '28d',
      },
      {
        name: 'available',
        type: 'availability',
        target: 0.999,
        severities: ['sev1', 'sev2'],
        burnRateWindow: '1d',
        window: '28d',
      },
      {
        name: 'fast-delivery',
        type: 'lead-time',
        target: 0.9,
        threshold: '2d',
        window: '4w',
      },
    ]);
  });

  it('accepts a bare list of objectives with the 30-day default window', () => {
    const declaration = parseSloDeclaration(
      '- { name: ok, type: deployment-success-rate, target: 0.99 }',
    );
    expect(declaration.errors).toEqual([]);
    expect(declaration.objectives[0].window).toBe('30d');
  });

  it('locates each problem and keeps the valid objectives', () => {
    const declaration = parseSloDeclaration(`
objectives:
  - name: good
    type: availability
    target: 0.99
  - name: too-strict
    type: availability
    target: 1
  - name: percent
    type: deployment-success-rate
    target: 99.5
  - name: slow
    type: lead-time
    target: 0.9
  - name: Bad Name
    type: latency
    target: 0.9
  - name: good
    type: deployment-success-rate
    target: 0.9
  - name: odd-window
    type: availability
    target: 0.9
    window: 1 month
  - name: extra
    type: availability
    target: 0.9
    colour: blue
`);
    expect(declaration.objectives.map(o => o.name)).toEqual(['good']);
    expect(declaration.errors).toEqual([
      {
        path: 'objectives[1].target',
        message:
          'target must be above 0 and below 1 (100 %): an objective of 100 % leaves no error budget',
      },
      {
        path: 'objectives[2].target',
        message: "target 99.5 is not a ratio: write 0.995 or '99.5%'",
      },
      {
        path: 'objectives[3].threshold',
        message: expect.stringMatching(/threshold must be a duration/),
      },
      {
        path: 'objectives[4].type',
        message:
          'type must be one of deployment-success-rate, availability, lead-time',
      },
      {
        path: 'objectives[5].name',
        message: 'another objective is already called "good"',
      },
      {
        path: 'objectives[6].window',
        message: expect.stringMatching(/window must be a duration like 30d/),
      },
      {
        path: 'objectives[7]',
        message: expect.stringMatching(/colour/),
      },
    ]);
  });

  it('explains YAML and shape mistakes', () => {
    expect(parseSloDeclaration('objectives: [').errors[0]).toMatchObject({
      path: '',
      message: expect.stringMatching(/^not valid YAML: /),
    });
    expect(parseSloDeclaration('42').errors).toEqual([
      {
        path: '',
        message:
          'must be a mapping with `objectives` (a list) or a list of objectives',
      },
    ]);
    expect(parseSloDeclaration('objectives: nope').errors).toEqual([
      { path: 'objectives', message: 'objectives must be a list' },
    ]);
  });

  it('refuses a burn-rate window longer than the window', () => {
    expect(
      parseSloDeclaration(
        '[{ name: a, type: availability, target: 0.9, window: 7d, burnRateWindow: 14d }]',
      ).errors,
    ).toEqual([
      {
        path: 'objectives[0].burnRateWindow',
        message: 'burnRateWindow 14d is longer than the window 7d',
      },
    ]);
  });
});

describe('durations', () => {
  it('parses and formats', () => {
    expect(parseSloDuration('30d')).toBe(30 * 86400);
    expect(parseSloDuration('90m')).toBe(5400);
    expect(parseSloDuration('2w')).toBe(14 * 86400);
    expect(parseSloDuration('1.5h')).toBe(5400);
    expect(parseSloDuration('0d')).toBeUndefined();
    expect(parseSloDuration('30 days')).toBeUndefined();
    expect(formatSloDuration(7 * 86400)).toBe('1w');
    expect(formatSloDuration(36 * 3600)).toBe('36h');
    expect(formatSloDuration(7.5 * 86400)).toBe('180h');
  });
});

describe('error budget arithmetic', () => {
  it('event budget: 95 % over 40 deployments allows 2 failures', () => {
    expect(eventErrorBudget({ good: 39, total: 40, target: 0.95 })).toEqual({
      sli: 0.975,
      errorBudget: {
        allowed: expect.closeTo(2, 10),
        spent: 1,
        remaining: expect.closeTo(0.5, 10),
      },
    });
    const overspent = eventErrorBudget({ good: 36, total: 40, target: 0.95 });
    expect(overspent.errorBudget!.remaining).toBeCloseTo(-1, 10);
    expect(eventErrorBudget({ good: 0, total: 0, target: 0.95 })).toEqual({
      sli: null,
      errorBudget: null,
    });
  });

  it('time budget: 99.9 % over 30 days allows 43.2 minutes', () => {
    const month = 30 * 86400;
    const { sli, errorBudget } = timeErrorBudget({
      badSeconds: 21.6 * 60,
      windowSeconds: month,
      target: 0.999,
    });
    expect(errorBudget.allowed).toBeCloseTo(43.2 * 60, 6);
    expect(errorBudget.remaining).toBeCloseTo(0.5, 6);
    expect(sli).toBeCloseTo(0.9995, 6);
  });

  it('burn rate is the observed error rate over the allowed one', () => {
    // 2 of 20 failed against a 5 % allowance: twice the sustainable pace.
    expect(burnRate({ bad: 2, total: 20, target: 0.95 })).toBeCloseTo(2, 10);
    expect(burnRate({ bad: 0, total: 20, target: 0.95 })).toBe(0);
    expect(burnRate({ bad: 0, total: 0, target: 0.95 })).toBeNull();
  });

  it('status from budget and burn rate', () => {
    const budget = (remaining: number) => ({ allowed: 1, spent: 0, remaining });
    expect(sloStatus(null, null)).toBe('no-data');
    expect(sloStatus(budget(0), 0)).toBe('exhausted');
    expect(sloStatus(budget(-0.5), 0)).toBe('exhausted');
    expect(sloStatus(budget(0.8), 1.5)).toBe('at-risk');
    expect(sloStatus(budget(0.2), 0)).toBe('at-risk');
    expect(sloStatus(budget(0.8), 0.5)).toBe('healthy');
  });

  it('downtime counts overlapping incidents once and clips to the window', () => {
    const h = 3_600_000;
    expect(
      coveredSeconds(
        [
          { start: 0, end: 2 * h }, // half before the window
          { start: 1.5 * h, end: 3 * h }, // overlaps the first
          { start: 5 * h, end: 6 * h },
          { start: 9 * h, end: null }, // still open: until the end
        ],
        1 * h,
        10 * h,
      ),
    ).toBe((2 + 1 + 1) * 3600);
    expect(coveredSeconds([], 0, h)).toBe(0);
  });
});
