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
import { median } from './__testUtils__/referenceDora';
import { medianOfChunks } from './exactMedian';

describe('medianOfChunks', () => {
  it('interpolates an even count and takes the middle of an odd one', () => {
    expect(
      medianOfChunks([
        [3600, 172800],
        [86400, 7200],
      ]),
    ).toEqual({
      median: 46800,
      samples: 4,
    });
    expect(medianOfChunks([[5], [1, 9]])).toEqual({ median: 5, samples: 3 });
    expect(medianOfChunks([[], []])).toEqual({ median: null, samples: 0 });
  });

  it('equals sorting on random data with many ties', () => {
    // A small deterministic PRNG (mulberry32).
    let a = 7;
    const rnd = () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let round = 0; round < 300; round++) {
      const chunks: number[][] = [];
      for (let c = Math.floor(rnd() * 6); c >= 0; c--) {
        chunks.push(
          Array.from({ length: Math.floor(rnd() * 40) }, () =>
            // Few distinct values in some rounds, many in others.
            round % 3 === 0
              ? Math.floor(rnd() * 4) * 3600
              : Math.round(rnd() * 1e7) / 1000,
          ),
        );
      }
      const expected = median(chunks.flat());
      const actual = medianOfChunks(chunks);
      expect(actual.samples).toBe(expected.samples);
      // Both null without samples; else equal to the last few digits.
      expect(actual.median === null).toBe(expected.median === null);
      expect(actual.median ?? 0).toBeCloseTo(expected.median ?? 0, 6);
    }
  });

  it('is linear on sorted and reversed input (no quadratic pivot)', () => {
    const n = 200_000;
    const ascending = Float64Array.from({ length: n }, (_, i) => i);
    const descending = Float64Array.from({ length: n }, (_, i) => n - i);
    const started = Date.now();
    expect(medianOfChunks([ascending]).median).toBe((n - 1) / 2);
    expect(medianOfChunks([descending]).median).toBe(n / 2 + 0.5);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
