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
import { DependencyList } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** How long an answer is shared after it arrived. */
const SHARE_MS = 30_000;

type Entry = { promise: Promise<unknown>; settledAt?: number };
const entries = new Map<string, Entry>();

/**
 * Runs `load` once per key while its answer is fresh, however many cards
 * ask: cards on one entity page (and a card that remounts when the page
 * re-renders) share the request in flight and its answer for 30 seconds.
 * A failed request is not kept, so the next caller asks again.
 */
export function sharedQuery<T>(
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const now = Date.now();
  const entry = entries.get(key);
  if (
    entry &&
    (entry.settledAt === undefined || now - entry.settledAt < SHARE_MS)
  ) {
    return entry.promise as Promise<T>;
  }
  const created: Entry = {
    promise: load().then(
      value => {
        created.settledAt = Date.now();
        return value;
      },
      error => {
        if (entries.get(key) === created) entries.delete(key);
        throw error;
      },
    ),
  };
  entries.set(key, created);
  return created.promise as Promise<T>;
}

/** Forgets every shared answer (tests, and after a write the page made). */
export function clearSharedQueries(prefix = '') {
  for (const key of [...entries.keys()]) {
    if (key.startsWith(prefix)) entries.delete(key);
  }
}

/** `useAsync` over {@link sharedQuery}: re-runs when `key` changes. */
export function useSharedQuery<T>(
  key: string,
  load: () => Promise<T>,
  deps: DependencyList = [],
) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useAsync(() => sharedQuery(key, load), [key, ...deps]);
}
