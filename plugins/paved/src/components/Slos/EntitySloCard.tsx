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
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { SloReport, SloResult } from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { duration, percent } from '../PlatformDashboard/format';

const TYPE_LABELS: Record<SloResult['type'], string> = {
  'deployment-success-rate': 'Deployment success',
  availability: 'Availability',
  'lead-time': 'Lead time',
};

const STATUS_LABELS: Record<SloResult['status'], string> = {
  healthy: 'Healthy',
  'at-risk': 'At risk',
  exhausted: 'Budget exhausted',
  'no-data': 'No data',
};

const STATUS_COLORS: Record<
  SloResult['status'],
  'default' | 'primary' | 'secondary'
> = {
  healthy: 'default',
  'at-risk': 'primary',
  exhausted: 'secondary',
  'no-data': 'default',
};

function budgetText(slo: SloResult): string {
  if (!slo.errorBudget) return '—';
  const { allowed, spent } = slo.errorBudget;
  if (slo.unit === 'seconds') {
    return `${duration(spent)} of ${duration(allowed)} downtime`;
  }
  return `${spent} of ${allowed.toFixed(1)} bad ${slo.unit}`;
}

const columns: TableColumn<SloResult>[] = [
  {
    title: 'Objective',
    field: 'name',
    render: slo => (
      <>
        <strong>{slo.name}</strong>
        <Typography variant="caption" display="block" color="textSecondary">
          {TYPE_LABELS[slo.type]} ≥ {percent(slo.target, 2)} over{' '}
          {slo.window.duration}
          {slo.description ? ` — ${slo.description}` : ''}
        </Typography>
      </>
    ),
  },
  {
    title: 'Now',
    field: 'sli',
    render: slo =>
      slo.sli === null ? (
        <Typography variant="body2" color="textSecondary">
          {slo.notAvailableReason ?? 'no data'}
        </Typography>
      ) : (
        <>
          {percent(slo.sli, 2)}
          <Typography variant="caption" display="block" color="textSecondary">
            {slo.unit === 'seconds'
              ? 'of the time up'
              : `${slo.good} of ${slo.total} ${slo.unit}`}
          </Typography>
        </>
      ),
  },
  {
    title: 'Error budget left',
    field: 'errorBudget',
    render: slo =>
      slo.errorBudget ? (
        <Box minWidth={140}>
          <Typography variant="body2">
            {percent(Math.max(slo.errorBudget.remaining, -9.99))}
          </Typography>
          <LinearProgress
            variant="determinate"
            color={slo.errorBudget.remaining < 0.25 ? 'secondary' : 'primary'}
            value={Math.max(0, Math.min(100, slo.errorBudget.remaining * 100))}
            aria-label={`${slo.name} error budget left`}
          />
          <Typography variant="caption" color="textSecondary">
            {budgetText(slo)}
          </Typography>
        </Box>
      ) : (
        '—'
      ),
  },
  {
    title: 'Burn rate',
    field: 'burnRate',
    render: slo =>
      slo.burnRate === null ? (
        '—'
      ) : (
        <>
          {slo.burnRate.toFixed(2)}×
          <Typography variant="caption" display="block" color="textSecondary">
            last {slo.burnRateWindow}
          </Typography>
        </>
      ),
  },
  {
    title: 'Status',
    field: 'status',
    render: slo => (
      <Chip
        size="small"
        label={STATUS_LABELS[slo.status]}
        color={STATUS_COLORS[slo.status]}
      />
    ),
  },
];

/** The SLO report; exported for the tests. */
export const SloReportView = ({ report }: { report: SloReport }) => {
  if (!report.declared) {
    return (
      <EmptyState
        missing="content"
        title="No service level objectives"
        description="Declare them in catalog-info.yaml with the paved.dev/slos annotation (YAML, or a path like ./slos.yaml); see docs/adoption.md."
      />
    );
  }
  return (
    <>
      {report.errors.length > 0 && (
        <Alert severity="error" style={{ marginBottom: 8 }}>
          {report.source?.location ?? 'paved.dev/slos'} has{' '}
          {report.errors.length} problem{report.errors.length === 1 ? '' : 's'}:
          <ul style={{ margin: 0 }}>
            {report.errors.map((e, i) => (
              <li key={i}>
                {e.path ? <code>{e.path}</code> : null}
                {e.path ? ': ' : ''}
                {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <Table<SloResult>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={report.objectives}
      />
    </>
  );
};

/**
 * Service level objectives of the entity (declared as code) with error
 * budget left and burn rate. From `GET /api/paved/v1/slos`.
 *
 * @public
 */
export const EntitySloCard = () => {
  const { entity } = useEntity();
  const api = useApi(pavedApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () => api.getEntitySlos(entityRef),
    [api, entityRef],
  );
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else content = <SloReportView report={value!} />;
  return <InfoCard title="Service level objectives">{content}</InfoCard>;
};
