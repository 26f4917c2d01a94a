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
 * Why a component created from a golden path has drifted.
 *
 * - `template-outdated`: created from an older version of its template.
 * - `template-missing`: its template is no longer in the catalog.
 * - `score-invalid`: its Score file no longer validates (the catalog reports
 *   Score problems for it).
 *
 * @public
 */
export type GoldenPathDriftReasonCode = generated.GoldenPathDriftReason['code'];

/** @public */
export type GoldenPathDriftReason = generated.GoldenPathDriftReason;

/** A component created from a golden path, with its drift. @public */
export type GoldenPathComponent = generated.GoldenPathComponent;

/** Answer of `GET /v1/golden-paths/drift`. @public */
export type GoldenPathDriftReport = generated.GoldenPathDriftReport;
