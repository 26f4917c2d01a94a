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
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  DORA_ALL_METRIC_KEYS,
  DORA_METRIC_TITLES,
  DORA_REWORK_NO_BANDS,
  DoraAnyMetricKey,
  DoraOrganisationRow,
  formatDoraValue,
} from '@paved/plugin-paved-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { windowText } from './DoraCard';
import { DoraBandBadge } from './DoraBandBadge';
import { DoraBandDistributionBars } from './DoraBandDistributionBars';
import { DoraMetricTile } from './DoraMetricTile';
import { DoraWindowSelect } from './DoraWindowSelect';

type RowType = DoraOrganisationRow['type'];

const NOUNS: Record<RowType, { one: string; many: string }> = {
  group: { one: 'team', many: 'teams' },
  system: { one: 'system', many: 'systems' },
  entity: { one: 'component', many: 'components' },
};

/** Smaller is better for these; for deployment frequency larger is. */
const LOWER_IS_BETTER: Record<DoraAnyMetricKey, boolean> = {
  deploymentFrequency: false,
  leadTime: true,
  changeFailureRate: true,
  recoveryTime: true,
  reworkRate: true,
};

function rowName(row: DoraOrganisationRow): string {
  if (row.ref === null) {
    return row.type === 'group' ? '(no owner)' : '(no system)';
  }
  return row.title ?? row.ref.replace(/^[^:]+:default\//, '');
}

/** Sorts rows without a value last, whatever the direction. */
function metricColumn(key: DoraAnyMetricKey): TableColumn<DoraOrganisationRow> {
  return {
    title:
      key === 'reworkRate' ? (
        <Tooltip title={DORA_REWORK_NO_BANDS}>
          <span>{DORA_METRIC_TITLES[key]} (no bands)</span>
        </Tooltip>
      ) : (
        DORA_METRIC_TITLES[key]
      ),
    field: `metrics.${key}.value`,
    customSort: (a, b, type) => {
      if (type !== 'row') return 0;
      const x = a.metrics[key]?.value ?? null;
      const y = b.metrics[key]?.value ?? null;
      if (x === null && y === null) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return LOWER_IS_BETTER[key] ? x - y : y - x;
    },
    render: row => {
      const m = row.metrics[key];
      if (!m) return null;
      return (
        <Box display="flex" alignItems="center" style={{ gap: 6 }}>
          <span>{formatDoraValue(m.value, m.unit)}</span>
          {/* Rework rate has no bands; its column header says so. */}
          {key !== 'reworkRate' && <DoraBandBadge band={m.band} />}
        </Box>
      );
    },
  };
}

const columns: TableColumn<DoraOrganisationRow>[] = [
  {
    title: 'Name',
    field: 'ref',
    highlight: true,
    customSort: (a, b) => rowName(a).localeCompare(rowName(b)),
    render: row => (
      <>
        <Typography variant="body2">{rowName(row)}</Typography>
        <Typography variant="caption" color="textSecondary">
          {row.type === 'entity'
            ? row.owner ?? 'no owner'
            : `${row.entityCount} component${row.entityCount === 1 ? '' : 's'}`}
        </Typography>
      </>
    ),
  },
  ...DORA_ALL_METRIC_KEYS.map(metricColumn),
];

/**
 * The organisation's DORA metrics for the Platform page: its four keys with
 * weekly trends, the distribution of bands, and a sortable table of teams,
 * systems or components.
 *
 * @public
 */
export const DoraOrganisationCard = () => {
  const api = useApi(pavedApiRef);
  const [days, setDays] = useState(28);
  const [type, setType] = useState<RowType>('group');
  const { value, loading, error } = useAsync(
    () => api.getDoraOrganisation({ days }),
    [api, days],
  );
  const rows = value?.rows.filter(r => r.type === type) ?? [];
  return (
    <InfoCard
      title="DORA metrics"
      subheader={
        value
          ? `${windowText(value)} · ${
              value.organisation.entityCount
            } components with data`
          : 'Deployment frequency, lead time, change failure rate, recovery time and rework rate'
      }
      action={<DoraWindowSelect days={days} onChange={setDays} />}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && !loading && (
        <>
          <Grid container spacing={3}>
            {DORA_ALL_METRIC_KEYS.map(key => (
              <Grid item xs={12} sm={6} md={4} lg key={key}>
                <DoraMetricTile
                  metrics={value.organisation.metrics}
                  metricKey={key}
                />
              </Grid>
            ))}
          </Grid>
          <Box mt={3} mb={2}>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={type}
              onChange={(_, next) => next && setType(next)}
              aria-label="Rows"
            >
              {(['group', 'system', 'entity'] as const).map(t => (
                <ToggleButton key={t} value={t}>
                  {NOUNS[t].many} ({value.rows.filter(r => r.type === t).length}
                  )
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
          <Grid container spacing={3}>
            <Grid item xs={12} md={4}>
              <Typography variant="subtitle2" gutterBottom>
                Bands of the {NOUNS[type].many}
              </Typography>
              <DoraBandDistributionBars
                distribution={value.distribution[type]}
                noun={NOUNS[type].many}
              />
              <Typography variant="caption" color="textSecondary">
                {DORA_REWORK_NO_BANDS}.
              </Typography>
            </Grid>
            <Grid item xs={12} md={8}>
              <Table<DoraOrganisationRow>
                title={`${rows.length} ${
                  rows.length === 1 ? NOUNS[type].one : NOUNS[type].many
                }`}
                options={{
                  paging: rows.length > 20,
                  pageSize: 20,
                  search: true,
                  padding: 'dense',
                }}
                columns={columns}
                data={rows}
                emptyContent={
                  <Box p={2}>
                    <Typography variant="body2">
                      No {NOUNS[type].many} with deployments or incidents in
                      this window. Record deployments with `paved deploy record`
                      or connect a webhook (docs/deployments.md).
                    </Typography>
                  </Box>
                }
              />
            </Grid>
          </Grid>
        </>
      )}
    </InfoCard>
  );
};
