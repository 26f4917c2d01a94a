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
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  DORA_BANDS,
  DORA_METRIC_KEYS,
  DORA_METRIC_TITLES,
  DoraBandDistribution,
} from '@paved/plugin-paved-common';
import { BAND_COLORS } from './DoraBandBadge';

const NOT_AVAILABLE = '#9e9e9e';

/**
 * How many rows fall in each band, per metric, as stacked bars with the
 * counts written out.
 */
export const DoraBandDistributionBars = ({
  distribution,
  noun,
}: {
  distribution: DoraBandDistribution;
  noun: string;
}) => (
  <Box>
    {DORA_METRIC_KEYS.map(key => {
      const counts = distribution[key];
      const total =
        DORA_BANDS.reduce((sum, band) => sum + counts[band], 0) +
        counts.notAvailable;
      const segments = [
        ...DORA_BANDS.map(band => ({
          label: band,
          count: counts[band],
          color: BAND_COLORS[band],
        })),
        { label: 'no data', count: counts.notAvailable, color: NOT_AVAILABLE },
      ].filter(s => s.count > 0);
      const summary = segments.map(s => `${s.count} ${s.label}`).join(', ');
      return (
        <Box key={key} mb={1.5}>
          <Typography variant="body2">{DORA_METRIC_TITLES[key]}</Typography>
          <Box
            display="flex"
            height={14}
            borderRadius={4}
            overflow="hidden"
            role="img"
            aria-label={`${DORA_METRIC_TITLES[key]}: ${
              summary || `no ${noun}`
            }`}
          >
            {segments.map(s => (
              <Tooltip key={s.label} title={`${s.count} ${noun}: ${s.label}`}>
                <Box
                  style={{
                    width: `${(100 * s.count) / total}%`,
                    backgroundColor: s.color,
                  }}
                />
              </Tooltip>
            ))}
          </Box>
          <Typography variant="caption" color="textSecondary">
            {summary || `no ${noun} with data`}
          </Typography>
        </Box>
      );
    })}
  </Box>
);
