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
import * as generated from '../generated/models';

/**
 * A part of a batched answer the caller may not read; the rest stands.
 *
 * @public
 */
export type NotAllowedPart = generated.NotAllowedPart;

/**
 * An entity's Paved summary in one answer: DORA, scores, the newest
 * deployments and open incidents, each decided on its own permission.
 *
 * @public
 */
export type EntityPavedSummary = generated.EntityPavedSummary;

/**
 * Whether a part of a batched answer was refused to the caller.
 *
 * @public
 */
export function isNotAllowedPart(part: unknown): part is NotAllowedPart {
  return (
    typeof part === 'object' &&
    part !== null &&
    (part as NotAllowedPart).notAllowed === true
  );
}
