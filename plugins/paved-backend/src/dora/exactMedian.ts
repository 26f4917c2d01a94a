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

/** A median and the number of samples behind it (0 samples: no median). */
export type ExactMedian = { median: number | null; samples: number };

/**
 * The interpolated median (PostgreSQL's PERCENTILE_CONT(0.5)) of all values
 * of `chunks`, exactly: the values are copied into one array and the middle
 * one(s) found by selection, in linear time instead of a sort. `scratch`,
 * when at least as long as all values together, is used for the copy
 * instead of new memory (many medians in a row make less garbage).
 */
export function medianOfChunks(
  chunks: ReadonlyArray<ArrayLike<number>>,
  scratch?: Float64Array,
): ExactMedian {
  let n = 0;
  for (const chunk of chunks) n += chunk.length;
  if (!n) return { median: null, samples: 0 };
  const values =
    scratch && scratch.length >= n
      ? scratch.subarray(0, n)
      : new Float64Array(n);
  let offset = 0;
  for (const chunk of chunks) {
    values.set(chunk, offset);
    offset += chunk.length;
  }
  return { median: medianInPlace(values), samples: n };
}

/**
 * The interpolated median of `values` (reordered in place): the middle
 * value of an odd count, else the two middle ones interpolated as
 * PERCENTILE_CONT does (lower + (upper − lower) × 0.5).
 */
export function medianInPlace(values: Float64Array): number {
  const n = values.length;
  const k = (n - 1) >> 1;
  const lower = select(values, k);
  if (n % 2 === 1) return lower;
  // After selection everything right of k is at least values[k]; the next
  // order statistic is the smallest of them.
  let upper = values[k + 1];
  for (let i = k + 2; i < n; i++) if (values[i] < upper) upper = values[i];
  return lower + (upper - lower) * 0.5;
}

/**
 * Puts the k-th smallest value (0-based) at index k, smaller or equal ones
 * left of it and larger or equal ones right of it (Hoare's selection with a
 * median-of-three pivot), and returns it.
 */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = lo + ((hi - lo) >> 1);
    // Median of three as the pivot, which also guards the scans below.
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and a[j+1..i-1] equal the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number) {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
