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
 * On a Component: its service level objectives, as YAML in the annotation
 * itself or as a path to a sibling file of `catalog-info.yaml`
 * (e.g. `./slos.yaml`). See docs/adoption.md#slos-as-code.
 *
 * @public
 */
export const SLO_ANNOTATION = 'paved.dev/slos';

/** @public */
export type SloObjectiveType = generated.SloResult['type'];

/**
 * One declared objective, validated.
 *
 * @public
 */
export type SloObjectiveSpec = {
  name: string;
  type: SloObjectiveType;
  description?: string;
  /** The objective as a ratio between 0 and 1 (exclusive), e.g. 0.995. */
  target: number;
  /** Rolling window, e.g. `30d`; defaults to the document's window. */
  window: string;
  /** Lookback of the burn rate, e.g. `7d`; defaults to a quarter of the window. */
  burnRateWindow?: string;
  /** deployment-success-rate: only this environment (default: production deployments). */
  environment?: string;
  /** lead-time: a change is good when it reaches production within this, e.g. `1d`. */
  threshold?: string;
  /** availability: only incidents of these severities count (default: all). */
  severities?: string[];
};

/**
 * A problem in an SLO declaration, located by its path in the document.
 *
 * @public
 */
export type SloDeclarationError = generated.SloDeclarationError;

/**
 * A parsed declaration: the valid objectives and the problems of the
 * invalid ones (an invalid objective does not hide the valid ones).
 *
 * @public
 */
export type SloDeclaration = {
  window: string;
  objectives: SloObjectiveSpec[];
  errors: SloDeclarationError[];
};

/** @public */
export type SloStatus = generated.SloResult['status'];

/**
 * The error budget: `allowed` bad events (or seconds) in the window,
 * `spent` of them, and the share of the budget `remaining` (negative when
 * overspent).
 *
 * @public
 */
export type SloErrorBudget = NonNullable<generated.SloResult['errorBudget']>;

/**
 * One objective evaluated over its window.
 *
 * @public
 */
export type SloResult = generated.SloResult;

/**
 * Answer of `GET /v1/slos?entity=<ref>`.
 *
 * @public
 */
export type SloReport = generated.SloReport;
