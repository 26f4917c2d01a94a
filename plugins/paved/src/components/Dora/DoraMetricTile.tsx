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
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  DORA_METRIC_TITLES,
  DORA_REWORK_NO_BANDS,
  DoraAnyMetricKey,
  DoraMetrics,
  formatDoraValue,
} from '@paved/plugin-paved-common';
import { lazy } from 'react';
import { WhenInView } from '../shared/WhenInView';
import { DoraBandBadge } from './DoraBandBadge';

// recharts is the heaviest part of the card: load it with the first chart
// that scrolls into view.
const DoraSparkline = lazy(() =>
  import('./DoraSparkline').then(m => ({ default: m.DoraSparkline })),
);

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;

/** What a metric's value is computed from, in words. */
export function sampleText(
  metrics: DoraMetrics,
  key: DoraAnyMetricKey,
): string {
  const m = metrics[key];
  switch (key) {
    case 'deploymentFrequency': {
      const failed = metrics.deploymentFrequency.failedDeployments;
      return `${plural(m.sampleCount, 'deployment')}${
        failed ? `; ${failed} failed, not counted` : ''
      }`;
    }
    case 'leadTime':
      return `median of ${plural(m.sampleCount, 'commit')}`;
    case 'changeFailureRate':
      return `${metrics.changeFailureRate.failedChanges} of ${plural(
        m.sampleCount,
        'deployment',
      )} failed`;
    case 'reworkRate': {
      const r = metrics.reworkRate;
      const why = [
        r.incidentFixes ? `${r.incidentFixes} during an incident` : '',
        r.hotfixes ? plural(r.hotfixes, 'hotfix', 'hotfixes') : '',
        r.rollbacks ? plural(r.rollbacks, 'rollback') : '',
      ].filter(Boolean);
      return `${r.reworkDeployments} of ${plural(
        m.sampleCount,
        'deployment',
      )} unplanned${why.length ? ` (${why.join(', ')})` : ''}`;
    }
    default:
      return `median of ${plural(m.sampleCount, 'resolved incident')}`;
  }
}

/**
 * One metric: value, band (none for rework rate, said so), what it is based
 * on, weekly trend.
 */
export const DoraMetricTile = ({
  metrics,
  metricKey,
}: {
  metrics: DoraMetrics;
  metricKey: DoraAnyMetricKey;
}) => {
  const m = metrics[metricKey];
  // Older backends answer without rework rate.
  if (!m) return null;
  const title = DORA_METRIC_TITLES[metricKey];
  const unbanded = metricKey === 'reworkRate';
  return (
    <Box
      role="group"
      aria-label={title}
      display="flex"
      flexDirection="column"
      height="100%"
    >
      <Typography variant="overline" color="textSecondary">
        {title}
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="h5" component="span">
          {formatDoraValue(m.value, m.unit)}
        </Typography>
        <DoraBandBadge
          band={m.band}
          noBands={unbanded ? DORA_REWORK_NO_BANDS : undefined}
        />
      </Box>
      <Typography variant="caption" color="textSecondary">
        {m.value === null
          ? m.notAvailableReason
          : sampleText(metrics, metricKey)}
      </Typography>
      {unbanded && (
        <Typography variant="caption" color="textSecondary">
          {DORA_REWORK_NO_BANDS}.
        </Typography>
      )}
      {m.trend?.some(point => point.value !== null) && (
        <WhenInView height={40} width={160}>
          <DoraSparkline
            trend={m.trend}
            label={`${title} per week`}
            format={v => formatDoraValue(v, m.unit)}
          />
        </WhenInView>
      )}
    </Box>
  );
};
