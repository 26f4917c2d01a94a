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
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { AdoptionMetrics } from '@paved/plugin-paved-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { percent } from './format';

const Kpi = ({
  label,
  value,
  detail,
}: {
  label: string;
  value: string;
  detail: string;
}) => (
  <Box>
    <Typography variant="h5" component="p">
      {value}
    </Typography>
    <Typography variant="body2">{label}</Typography>
    <Typography variant="caption" color="textSecondary">
      {detail}
    </Typography>
  </Box>
);

/**
 * The adoption funnel: components in the catalog, described in Score,
 * created from a golden path, on its current version, deploying through
 * Paved; each stage also meets the earlier ones. Below it, each share on
 * its own.
 */
export const AdoptionFunnelCard = ({
  metrics,
}: {
  metrics: AdoptionMetrics;
}) => {
  const theme = useTheme();
  const data = metrics.funnel.map(stage => ({
    ...stage,
    // No-break spaces: recharts wraps labels at spaces next to short bars.
    label: `${stage.count} · ${percent(stage.share)}`.replace(/ /g, '\u00a0'),
  }));
  const shares: Array<[string, AdoptionMetrics['withScore']]> = [
    ['with a Score file', metrics.withScore],
    ['from a golden path', metrics.fromGoldenPath],
    ['on the current template version', metrics.onCurrentVersion],
    ['deploying through Paved (30 days)', metrics.deployingThroughPaved],
  ];
  return (
    <InfoCard
      title="Adoption funnel"
      subheader="Components in the catalog, stage by stage"
    >
      <div
        role="img"
        aria-label={`Adoption funnel: ${metrics.funnel
          .map(s => `${s.title} ${s.count}`)
          .join(', ')}`}
        data-testid="adoption-funnel"
      >
        <ResponsiveContainer width="100%" height={220}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ left: 8, right: 112, top: 4, bottom: 4 }}
          >
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="title"
              width={170}
              tick={{ fontSize: 12, fill: theme.palette.text.primary }}
            />
            <Tooltip
              formatter={(value: number, _name, item: any) => [
                `${value} components (${percent(item.payload.share)} of all)`,
                'Count',
              ]}
            />
            <Bar
              dataKey="count"
              fill={theme.palette.primary.main}
              isAnimationActive={false}
            >
              <LabelList dataKey="label" position="right" fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Grid container spacing={2}>
        {shares.map(([label, share]) => (
          <Grid item xs={6} sm={3} key={label}>
            <Kpi
              label={label}
              value={percent(share.share)}
              detail={`${share.count} of ${share.total}`}
            />
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
};
