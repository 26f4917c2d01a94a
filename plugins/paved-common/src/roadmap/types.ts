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
import { AdoptionFunnelStageId } from '../adoption';
import * as generated from '../generated/models';

/** The catalog kind of a roadmap item (`apiVersion: paved.dev/v1alpha1`). @public */
export const ROADMAP_ITEM_KIND = 'RoadmapItem';

/** Where an item stands: now, next, later, or shipped on a date. @public */
export type RoadmapHorizon = 'now' | 'next' | 'later' | 'shipped';

/** The horizons in the order the roadmap shows them. @public */
export const ROADMAP_HORIZONS: readonly RoadmapHorizon[] = [
  'now',
  'next',
  'later',
  'shipped',
];

/** The metrics an item can name as its outcome. @public */
export const ROADMAP_METRICS = [
  'leadTime',
  'nps',
  'adoptionStage',
  'automationScore',
  'sloAttainment',
] as const;

/** @public */
export type RoadmapMetricKind = (typeof ROADMAP_METRICS)[number];

/** Whether the item succeeds when the metric goes up or down. @public */
export type RoadmapDirection = 'increase' | 'decrease';

/**
 * The metric a roadmap item should move, with its target, after
 * validation (refs normalised, durations in seconds, defaults filled in).
 *
 * - `leadTime`: DORA lead time for changes (median, seconds) of a group's
 *   entities; `target` in the YAML is a duration such as `2d`.
 * - `nps`: Net Promoter Score (-100 to 100) of a survey.
 * - `adoptionStage`: share (0 to 1) of components that reached a funnel stage.
 * - `automationScore`: average automation score (0 to 100) of the components.
 * - `sloAttainment`: share (0 to 1) of the SLO objectives of an entity, or of
 *   a group's components, that met their target.
 *
 * @public
 */
export type RoadmapOutcomeSpec = {
  target: number;
  direction: RoadmapDirection;
} & (
  | { metric: 'leadTime'; group: string }
  | { metric: 'nps'; survey: string }
  | { metric: 'adoptionStage'; stage: AdoptionFunnelStageId }
  | { metric: 'automationScore' }
  | { metric: 'sloAttainment'; entity?: string; group?: string }
);

/**
 * The `spec` of a RoadmapItem entity, after validation.
 *
 * @public
 */
export type RoadmapItemSpec = {
  /** Entity ref of the owning team or person. */
  owner: string;
  /** The pain point the item addresses, in the users' words. */
  problem: string;
  horizon: RoadmapHorizon;
  /** YYYY-MM-DD; set exactly when `horizon` is `shipped`. */
  shippedOn?: string;
  /** Ids of the feedback requests the item answers. */
  requests: string[];
  outcome: RoadmapOutcomeSpec;
};

/**
 * A RoadmapItem catalog entity.
 *
 * @public
 */
export type RoadmapItemEntity = {
  apiVersion: 'paved.dev/v1alpha1';
  kind: typeof ROADMAP_ITEM_KIND;
  metadata: {
    name: string;
    namespace?: string;
    title: string;
    description?: string;
    [key: string]: unknown;
  };
  spec: RoadmapItemSpec;
};

/**
 * An outcome metric over one window or survey period, with its samples.
 *
 * @public
 */
export type RoadmapMetricValue = generated.RoadmapMetricValue;

/**
 * A roadmap item's outcome: target, and current value or before and after.
 *
 * @public
 */
export type RoadmapOutcome = generated.RoadmapOutcome;

/**
 * A roadmap item as the API returns it.
 *
 * @public
 */
export type RoadmapItem = generated.RoadmapItem;

/**
 * The roadmap, grouped by horizon.
 *
 * @public
 */
export type Roadmap = generated.Roadmap;
