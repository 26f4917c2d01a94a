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
import { DoraAnyMetricKey, DoraUnit } from './types';

/**
 * Titles of the metrics, as the card, the Platform page and the CLI show
 * them.
 *
 * @public
 */
export const DORA_METRIC_TITLES: Record<DoraAnyMetricKey, string> = {
  deploymentFrequency: 'Deployment frequency',
  leadTime: 'Lead time for changes',
  changeFailureRate: 'Change failure rate',
  recoveryTime: 'Failed deployment recovery time',
  reworkRate: 'Deployment rework rate',
};

/**
 * What the card, the Platform page and the CLI say instead of a band for
 * deployment rework rate.
 *
 * @public
 */
export const DORA_REWORK_NO_BANDS =
  'DORA publishes no bands for deployment rework rate yet';

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/**
 * A metric value for people: deployments per day, week or month; a
 * duration in minutes, hours or days; a percentage. `n/a` for no value.
 *
 * @public
 */
export function formatDoraValue(
  value: number | null | undefined,
  unit: DoraUnit,
): string {
  if (value === null || value === undefined) return 'n/a';
  switch (unit) {
    case 'deployments/day':
      if (value >= 1) return `${round(value)}/day`;
      if (value * 7 >= 1) return `${round(value * 7)}/week`;
      return `${round(value * 30)}/month`;
    case 'seconds':
      if (value < 3600) return `${Math.max(1, Math.round(value / 60))} min`;
      if (value < 86400) return `${round(value / 3600)} h`;
      return `${round(value / 86400)} d`;
    default:
      return `${(value * 100).toFixed(1).replace(/\.0$/, '')} %`;
  }
}
