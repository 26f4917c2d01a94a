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
import { coverageLine } from './dora';

describe('paved dora commit range coverage', () => {
  it('says how many deployments have a complete commit range', () => {
    expect(coverageLine({ deployments: 7, complete: 6, ratio: 6 / 7 })).toBe(
      "Commit ranges complete for 6 of 7 deployments (86 %); lead time counts the other deployments' commits only as far as they are known.",
    );
    expect(coverageLine({ deployments: 1, complete: 1, ratio: 1 })).toBe(
      'Commit ranges complete for 1 of 1 deployment (100 %).',
    );
  });

  it('says nothing without deployments or from an older backend', () => {
    expect(
      coverageLine({ deployments: 0, complete: 0, ratio: null }),
    ).toBeUndefined();
    expect(coverageLine(undefined)).toBeUndefined();
  });
});
