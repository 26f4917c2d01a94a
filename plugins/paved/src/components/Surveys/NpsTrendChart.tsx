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
import { SurveyPeriodResult } from '@paved/plugin-paved-common';

const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 34, right: 24, top: 10, bottom: 22 };

const y = (nps: number) =>
  PAD.top + ((100 - nps) / 200) * (HEIGHT - PAD.top - PAD.bottom);

/**
 * NPS per period as a small line chart (−100…+100). Periods with too few
 * answers are gaps, not zeros. Plain SVG: a few dozen points do not need a
 * charting library.
 */
export const NpsTrendChart = ({
  periods,
  title = 'NPS trend per period',
}: {
  periods: SurveyPeriodResult[];
  title?: string;
}) => {
  const theme = useTheme();
  if (periods.length === 0) return null;
  const step =
    periods.length > 1
      ? (WIDTH - PAD.left - PAD.right) / (periods.length - 1)
      : 0;
  const x = (i: number) =>
    periods.length > 1 ? PAD.left + i * step : (PAD.left + WIDTH) / 2;

  // Split the line at periods without a score.
  const segments: Array<Array<[number, number]>> = [[]];
  periods.forEach((p, i) => {
    if (typeof p.nps === 'number') {
      segments[segments.length - 1].push([x(i), y(p.nps)]);
    } else if (segments[segments.length - 1].length > 0) {
      segments.push([]);
    }
  });

  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      style={{ maxWidth: 480 }}
    >
      <title>{title}</title>
      {[100, 0, -100].map(v => (
        <g key={v}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(v)}
            y2={y(v)}
            stroke={theme.palette.divider}
            strokeDasharray={v === 0 ? undefined : '2 3'}
          />
          <text
            x={PAD.left - 4}
            y={y(v) + 3}
            fontSize={9}
            textAnchor="end"
            fill={theme.palette.text.secondary}
          >
            {v > 0 ? `+${v}` : v}
          </text>
        </g>
      ))}
      {segments
        .filter(s => s.length > 1)
        .map((s, i) => (
          <polyline
            key={i}
            fill="none"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            points={s.map(([px, py]) => `${px},${py}`).join(' ')}
          />
        ))}
      {periods.map((p, i) => (
        <g key={p.period}>
          {typeof p.nps === 'number' ? (
            <circle
              cx={x(i)}
              cy={y(p.nps)}
              r={3}
              fill={theme.palette.primary.main}
            >
              <title>{`${p.period}: NPS ${p.nps}${
                p.demo ? ' (demo)' : ''
              }`}</title>
            </circle>
          ) : (
            <text
              x={x(i)}
              y={y(0) - 4}
              fontSize={9}
              textAnchor="middle"
              fill={theme.palette.text.secondary}
            >
              –
            </text>
          )}
          <text
            x={x(i)}
            y={HEIGHT - 6}
            fontSize={9}
            textAnchor="middle"
            fill={theme.palette.text.secondary}
          >
            {p.period}
          </text>
        </g>
      ))}
    </svg>
  );
};
