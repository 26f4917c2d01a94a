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
import { useTheme } from '@material-ui/core/styles';
import { DoraTrendPoint } from '@paved/plugin-paved-common';
import { Line, LineChart, Tooltip, YAxis } from 'recharts';

/**
 * A metric's weekly trend as a small line. Weeks without samples are gaps,
 * not zeros.
 */
export const DoraSparkline = ({
  trend,
  label,
  format,
}: {
  trend: DoraTrendPoint[];
  label: string;
  format: (value: number) => string;
}) => {
  const theme = useTheme();
  const data = trend.map(p => ({ week: p.start.slice(0, 10), value: p.value }));
  if (!data.some(p => p.value !== null)) return null;
  return (
    <div role="img" aria-label={label}>
      <LineChart width={160} height={40} data={data}>
        <YAxis hide domain={['auto', 'auto']} />
        <Tooltip
          formatter={(value: number) => format(value)}
          labelFormatter={(week: string) => `Week of ${week}`}
        />
        <Line
          type="monotone"
          dataKey="value"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={data.length < 6}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
};
