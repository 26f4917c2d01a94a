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
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { AdoptionReport } from '@paved/plugin-paved-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * Weekly and monthly active portal users (distinct signed-in users with a
 * page view in the last 7 and 30 days), now and over time.
 */
export const ActiveUsersCard = ({ report }: { report: AdoptionReport }) => {
  const theme = useTheme();
  const users = report.current?.activeUsers;
  if (!report.analytics.enabled) {
    return (
      <InfoCard title="Active users">
        <Typography variant="body2">
          Page views are not recorded: <code>paved.analytics.enabled</code> is
          off in this portal's configuration.
        </Typography>
      </InfoCard>
    );
  }
  const history = report.history.map(p => ({
    day: p.day,
    weekly: p.weeklyActiveUsers,
    monthly: p.monthlyActiveUsers,
    demo: p.demo,
  }));
  const demoUsers = users ? users.demoMonthly : 0;
  return (
    <InfoCard
      title="Active users"
      subheader={`Signed-in people with a page view; kept ${report.analytics.retentionDays} days`}
    >
      <Box display="flex" style={{ gap: 32 }} mb={1}>
        <Box>
          <Typography
            variant="h4"
            component="p"
            data-testid="weekly-active-users"
          >
            {users?.weekly ?? '—'}
          </Typography>
          <Typography variant="body2">weekly active</Typography>
        </Box>
        <Box>
          <Typography
            variant="h4"
            component="p"
            data-testid="monthly-active-users"
          >
            {users?.monthly ?? '—'}
          </Typography>
          <Typography variant="body2">monthly active</Typography>
        </Box>
        {demoUsers > 0 && (
          <Box alignSelf="center">
            <Chip
              size="small"
              label={`includes ${demoUsers} demo users`}
              title="Seeded demo page views (paved.demoData.enabled)"
            />
          </Box>
        )}
      </Box>
      {history.length > 1 && (
        <div role="img" aria-label="Active users over time">
          <ResponsiveContainer width="100%" height={160}>
            <LineChart data={history} margin={{ left: 0, right: 16, top: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
              <YAxis allowDecimals={false} width={32} tick={{ fontSize: 11 }} />
              <Tooltip
                labelFormatter={(day: string, items: any[]) =>
                  items?.[0]?.payload?.demo ? `${day} (demo data)` : day
                }
              />
              <Legend />
              <Line
                type="monotone"
                dataKey="weekly"
                name="Weekly"
                stroke={theme.palette.primary.main}
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="monthly"
                name="Monthly"
                stroke={theme.palette.secondary.main}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </InfoCard>
  );
};
