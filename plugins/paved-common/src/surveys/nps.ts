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

/**
 * Net Promoter Score of a set of 0–10 answers.
 *
 * @public
 */
export type NpsBreakdown = {
  responses: number;
  /** Answers 9–10. */
  promoters: number;
  /** Answers 7–8. */
  passives: number;
  /** Answers 0–6. */
  detractors: number;
  /**
   * % promoters − % detractors, a whole number from −100 to +100, rounded
   * half away from zero (so +12.5 → 13 and −12.5 → −13). Null when there are
   * no answers: no data is not a score of 0.
   */
  nps: number | null;
};

/**
 * Sorts an answer into its NPS category.
 *
 * @public
 */
export function npsCategory(
  score: number,
): 'promoter' | 'passive' | 'detractor' {
  if (!Number.isInteger(score) || score < 0 || score > 10) {
    throw new RangeError(`An NPS answer is a whole number 0–10, got ${score}`);
  }
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * NPS from category counts.
 *
 * @public
 */
export function npsFromCounts(counts: {
  promoters: number;
  passives: number;
  detractors: number;
}): NpsBreakdown {
  const { promoters, passives, detractors } = counts;
  const responses = promoters + passives + detractors;
  if (responses === 0) {
    return { responses, promoters, passives, detractors, nps: null };
  }
  // Integer arithmetic first so e.g. 1/8 gives exactly 12.5 before rounding.
  const exact = (100 * (promoters - detractors)) / responses;
  const rounded = Math.sign(exact) * Math.round(Math.abs(exact));
  return {
    responses,
    promoters,
    passives,
    detractors,
    nps: rounded === 0 ? 0 : rounded,
  };
}

/**
 * NPS of a list of 0–10 answers.
 *
 * @public
 */
export function computeNps(scores: number[]): NpsBreakdown {
  const counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    const category = npsCategory(score);
    if (category === 'promoter') counts.promoters++;
    else if (category === 'passive') counts.passives++;
    else counts.detractors++;
  }
  return npsFromCounts(counts);
}
