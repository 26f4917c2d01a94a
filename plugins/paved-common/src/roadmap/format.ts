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
import { formatDoraValue } from '../dora/format';
import { RoadmapMetricValue, RoadmapOutcome } from './types';

/**
 * An outcome value for people: a duration, an NPS with its sign, a
 * percentage or a score; `n/a` for no value.
 *
 * @public
 */
export function formatRoadmapValue(
  value: number | null | undefined,
  unit: RoadmapOutcome['unit'],
): string {
  if (value === null || value === undefined) return 'n/a';
  switch (unit) {
    case 'seconds':
      return formatDoraValue(value, 'seconds');
    case 'ratio':
      return formatDoraValue(value, 'ratio');
    case 'nps':
      return `${value > 0 ? '+' : ''}${Math.round(value)}`;
    default:
      return (Math.round(value * 10) / 10).toString();
  }
}

/**
 * The target with its direction, e.g. `≤ 1 d` or `≥ 60 %`.
 *
 * @public
 */
export function formatRoadmapTarget(outcome: RoadmapOutcome): string {
  const sign = outcome.direction === 'decrease' ? '≤' : '≥';
  return `${sign} ${formatRoadmapValue(outcome.target, outcome.unit)}`;
}

/**
 * What a value rests on, e.g. `14 commits, 6 deployments` or `5 answers`.
 *
 * @public
 */
export function formatRoadmapSamples(value: RoadmapMetricValue): string {
  const plural = (n: number, unit: string) =>
    `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
  const parts = [plural(value.sampleCount, value.sampleUnit)];
  if (value.deployments !== undefined) {
    parts.push(plural(value.deployments, 'deployments'));
  }
  return parts.join(', ');
}
