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
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { DoraBand } from '@paved/plugin-paved-common';

/** The colours of the bands, best to worst (readable with white text). */
export const BAND_COLORS: Record<DoraBand, string> = {
  elite: '#1b5e20',
  high: '#2e7d32',
  medium: '#b26a00',
  low: '#c62828',
};

const LABELS: Record<DoraBand, string> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** A metric's performance band, or "No data" when it has no value. */
/**
 * The band of a metric; "No data" without one, or "No bands" with the
 * reason when the metric has none (deployment rework rate).
 */
export const DoraBandBadge = ({
  band,
  noBands,
}: {
  band: DoraBand | null;
  noBands?: string;
}) => {
  if (noBands) {
    return (
      <Tooltip title={noBands}>
        <Chip size="small" variant="outlined" label="No bands" />
      </Tooltip>
    );
  }
  return band ? (
    <Chip
      size="small"
      label={LABELS[band]}
      style={{ backgroundColor: BAND_COLORS[band], color: '#fff' }}
    />
  ) : (
    <Chip size="small" variant="outlined" label="No data" />
  );
};
