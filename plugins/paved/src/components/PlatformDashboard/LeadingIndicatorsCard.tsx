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
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { AdoptionHistoryPoint } from '@paved/plugin-paved-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { percent } from './format';

const SERIES: Array<{
  key: keyof AdoptionHistoryPoint;
  name: string;
  color: (theme: any) => string;
  dash?: string;
}> = [
  { key: 'withScore', name: 'With Score', color: t => t.palette.primary.main },
  {
    key: 'fromGoldenPath',
    name: 'From a golden path',
    color: t => t.palette.secondary.main,
  },
  {
    key: 'onCurrentVersion',
    name: 'On current template',
    color: t => t.palette.success?.main ?? '#2e7d32',
    dash: '6 3',
  },
  {
    key: 'deployingThroughPaved',
    name: 'Deploying through Paved',
    color: t => t.palette.warning?.main ?? '#ed6c02',
  },
  {
    key: 'automationScore',
    name: 'Automation score (avg.)',
    color: t => t.palette.info?.main ?? '#0288d1',
    dash: '2 2',
  },
];

/**
 * Leading indicators over time: the adoption shares and the average
 * automation score per day (the day's last computation), which move before
 * the DORA metrics do. Seeded demo days are marked.
 */
export const LeadingIndicatorsCard = ({
  history,
}: {
  history: AdoptionHistoryPoint[];
}) => {
  const theme = useTheme();
  const data = history.map(p => ({
    ...p,
    // The score is 0–100; plotted with the shares as a ratio.
    automationScore:
      p.automationScore === null ? null : p.automationScore / 100,
  }));
  const firstMeasured = history.find(p => !p.demo)?.day;
  const demoDays = history.filter(p => p.demo).length;
  return (
    <InfoCard
      title="Leading indicators over time"
      subheader="Share of components, per day; the automation score as a share of 100"
    >
      {demoDays > 0 && (
        <Chip
          size="small"
          label={`${demoDays} days of demo history${
            firstMeasured ? `, measured from ${firstMeasured}` : ''
          }`}
          title="Seeded demo history (paved.demoData.enabled)"
          style={{ marginBottom: 8 }}
        />
      )}
      {data.length < 2 ? (
        <Typography variant="body2">
          The trend starts after the second daily computation.
        </Typography>
      ) : (
        <div role="img" aria-label="Leading indicators over time">
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={data} margin={{ left: 0, right: 16, top: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis
                domain={[0, 1]}
                tickFormatter={v => percent(v)}
                width={48}
                tick={{ fontSize: 11 }}
              />
              <Tooltip
                formatter={(value: number) => percent(value)}
                labelFormatter={(day: string, items: any[]) =>
                  items?.[0]?.payload?.demo ? `${day} (demo data)` : day
                }
              />
              <Legend />
              {firstMeasured && demoDays > 0 && (
                <ReferenceLine
                  x={firstMeasured}
                  stroke={theme.palette.text.secondary}
                  strokeDasharray="4 4"
                  label={{
                    value: 'measured',
                    fontSize: 11,
                    position: 'insideTopRight',
                  }}
                />
              )}
              {SERIES.map(s => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color(theme)}
                  strokeDasharray={s.dash}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </InfoCard>
  );
};
