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
import { createHmac } from 'node:crypto';

/**
 * Turns "who answered" into a keyed hash that can only deduplicate: the
 * same person gets the same hash for the same survey and period, different
 * hashes across surveys and periods (so answers cannot be linked over time),
 * and without the server secret nobody can test a guess such as "was this
 * alice?". Keys replaced by a rotation still recognise answers given with
 * them, so nobody answers twice in the period of a rotation.
 */
export class RespondentHasher {
  constructor(
    private readonly secret: string,
    private readonly previousSecrets: string[] = [],
  ) {
    if (!secret || previousSecrets.some(s => !s)) {
      throw new Error('The survey respondent secret must not be empty');
    }
  }

  hash(surveyRef: string, period: string, respondent: string): string {
    return hashWith(this.secret, surveyRef, period, respondent);
  }

  /** The hashes the previous keys gave the same respondent. */
  previousHashes(
    surveyRef: string,
    period: string,
    respondent: string,
  ): string[] {
    return this.previousSecrets.map(secret =>
      hashWith(secret, surveyRef, period, respondent),
    );
  }
}

function hashWith(
  secret: string,
  surveyRef: string,
  period: string,
  respondent: string,
): string {
  return createHmac('sha256', secret)
    .update(
      JSON.stringify([
        surveyRef.toLocaleLowerCase('en-US'),
        period,
        respondent.toLocaleLowerCase('en-US'),
      ]),
    )
    .digest('hex');
}
