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
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TemplateRunStats, TemplateUsage } from '@paved/plugin-paved-common';
import {
  Bar,
  BarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { duration, percent, when } from './format';

const columns: TableColumn<TemplateUsage>[] = [
  {
    title: 'Template',
    field: 'templateRef',
    render: row => (
      <EntityRefLink entityRef={row.templateRef} title={row.title} />
    ),
  },
  { title: 'Version', field: 'version', render: row => row.version ?? '—' },
  { title: 'Runs', field: 'runs', type: 'numeric' },
  {
    title: 'Success',
    field: 'successRate',
    type: 'numeric',
    render: row =>
      row.successRate === null
        ? '—'
        : `${percent(row.successRate)} (${row.failed} failed)`,
  },
  { title: 'Components', field: 'components', type: 'numeric' },
  {
    title: 'To first production deploy (median)',
    field: 'medianSecondsToFirstProductionDeployment',
    render: row => duration(row.medianSecondsToFirstProductionDeployment),
  },
  { title: 'Last run', field: 'lastRunAt', render: row => when(row.lastRunAt) },
];

/**
 * Runs of each software template in the scaffolder's task history, their
 * success rate, the components they created and how long those took to
 * reach production.
 */
export const TemplateUsageCard = ({
  templates,
  runs,
  timeToFirstProduction,
}: {
  templates: TemplateUsage[];
  runs: TemplateRunStats;
  timeToFirstProduction: { medianSeconds: number | null; samples: number };
}) => {
  const theme = useTheme();
  const used = templates.filter(t => t.runs > 0);
  return (
    <InfoCard
      title="Template usage"
      subheader={`Scaffolder runs in the last ${runs.windowDays} days`}
    >
      {runs.status === 'unavailable' ? (
        <Typography variant="body2" color="error" paragraph>
          Template runs are not available: {runs.detail}
        </Typography>
      ) : (
        <Typography variant="body2" paragraph>
          {runs.runs} runs, {percent(runs.successRate)} successful
          {timeToFirstProduction.samples > 0 &&
            `; median ${duration(
              timeToFirstProduction.medianSeconds,
            )} from a run to the first production deployment (${
              timeToFirstProduction.samples
            } components)`}
          .
        </Typography>
      )}
      {used.length > 0 && (
        <div role="img" aria-label="Runs per template">
          <ResponsiveContainer width="100%" height={40 + used.length * 28}>
            <BarChart
              data={used}
              layout="vertical"
              margin={{ left: 8, right: 16 }}
            >
              <XAxis type="number" allowDecimals={false} hide />
              <YAxis
                type="category"
                dataKey={t => t.title ?? t.templateRef}
                width={200}
                tick={{ fontSize: 12, fill: theme.palette.text.primary }}
              />
              <Tooltip />
              <Bar
                dataKey="succeeded"
                name="Succeeded"
                stackId="runs"
                fill={theme.palette.success?.main ?? '#2e7d32'}
                isAnimationActive={false}
              />
              <Bar
                dataKey="failed"
                name="Failed"
                stackId="runs"
                fill={theme.palette.error.main}
                isAnimationActive={false}
              />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      <Table<TemplateUsage>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={templates}
      />
    </InfoCard>
  );
};
