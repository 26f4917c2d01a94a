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
  formatRoadmapSamples,
  formatRoadmapTarget,
  formatRoadmapValue,
  RoadmapMetricValue,
  RoadmapOutcome,
} from '@paved/plugin-paved-common';

const day = (iso: string) => iso.slice(0, 10);

/** A value with what it rests on, or why there is none. */
const MetricValue = (props: {
  label: string;
  value: RoadmapMetricValue;
  unit: RoadmapOutcome['unit'];
  testId: string;
}) => {
  const { label, value, unit, testId } = props;
  const when = value.period
    ? `survey period ${value.period}`
    : `${day(value.from)} – ${day(value.to)}${
        value.asOf ? `, snapshot of ${value.asOf}` : ''
      }`;
  return (
    <Box data-testid={testId} flex={1} minWidth={0}>
      <Typography variant="caption" color="textSecondary" component="div">
        {label}
      </Typography>
      <Typography variant="h6" component="div">
        {formatRoadmapValue(value.value, unit)}
      </Typography>
      <Typography variant="caption" component="div">
        {value.value === null
          ? `not available: ${value.notAvailableReason ?? 'no data'}`
          : formatRoadmapSamples(value)}
        {value.partial ? ' (window still open)' : ''}
        {value.demo ? ' (demo data)' : ''}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        {when}
      </Typography>
    </Box>
  );
};

/**
 * An item's outcome metric: what is measured and the target, then the
 * current value, or for a shipped item before → after with sample counts.
 */
export const RoadmapOutcomeView = (props: { outcome: RoadmapOutcome }) => {
  const { outcome } = props;
  return (
    <Box data-testid="roadmap-outcome">
      <Typography variant="body2">{outcome.label}</Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        Target {formatRoadmapTarget(outcome)}
        {outcome.targetMet === true && ' · met'}
        {outcome.targetMet === false && ' · not met yet'}
      </Typography>
      {outcome.before && outcome.after ? (
        <Box display="flex" alignItems="flex-start" mt={1}>
          <MetricValue
            label="Before"
            value={outcome.before}
            unit={outcome.unit}
            testId="roadmap-before"
          />
          <Box px={1} pt={2} aria-hidden>
            →
          </Box>
          <MetricValue
            label="After"
            value={outcome.after}
            unit={outcome.unit}
            testId="roadmap-after"
          />
        </Box>
      ) : null}
      {outcome.current ? (
        <Box mt={1}>
          <MetricValue
            label={
              outcome.current.period
                ? 'Now (latest survey period with results)'
                : `Now (last ${outcome.windowDays ?? 28} days)`
            }
            value={outcome.current}
            unit={outcome.unit}
            testId="roadmap-current"
          />
        </Box>
      ) : null}
    </Box>
  );
};
