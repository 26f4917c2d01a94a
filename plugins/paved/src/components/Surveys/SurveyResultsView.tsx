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
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { SurveyPeriodResult, SurveyResults } from '@paved/plugin-paved-common';
import { NpsTrendChart } from './NpsTrendChart';

const percent = (part: number, whole: number) =>
  whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–';

const signed = (nps: number) => (nps > 0 ? `+${nps}` : String(nps));

/** The newest period that has results to show. */
export function latestShown(
  periods: SurveyPeriodResult[],
): SurveyPeriodResult | undefined {
  return [...periods].reverse().find(p => !p.tooFewAnswers);
}

/**
 * One survey's results: the newest period's score and breakdown, the trend
 * per period, and the newest comments. Comments are rendered as text by
 * React (escaped), never as HTML.
 */
export const SurveyResultsView = ({
  results,
  maxComments = 5,
}: {
  results: SurveyResults;
  maxComments?: number;
}) => {
  const { survey, periods } = results;
  const latest = latestShown(periods);
  const current = periods.find(p => p.period === survey.currentPeriod);
  const comments = latest?.comments?.slice(0, maxComments) ?? [];

  return (
    <Box data-testid={`survey-results-${survey.name}`}>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <Typography variant="subtitle1" component="h3">
          {survey.title}
        </Typography>
        {survey.demo && (
          <Box ml={1}>
            <Chip size="small" label="demo" color="secondary" />
          </Box>
        )}
        {!survey.open && (
          <Box ml={1}>
            <Chip size="small" label="closed" variant="outlined" />
          </Box>
        )}
      </Box>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {survey.question}
      </Typography>

      {!latest && (
        <Typography variant="body2" data-testid="nps-no-data">
          {periods.length === 0
            ? 'No data yet: nobody has answered this survey.'
            : `Too few answers to show results yet (fewer than ${survey.minimumAnswers} per period).`}
        </Typography>
      )}

      {latest && typeof latest.nps === 'number' && (
        <Box display="flex" alignItems="baseline" flexWrap="wrap" my={1}>
          <Typography
            variant="h3"
            component="p"
            aria-label="Net Promoter Score"
            data-testid="nps-score"
          >
            {signed(latest.nps)}
          </Typography>
          <Box ml={2}>
            <Typography variant="body2">
              NPS for {latest.period}
              {latest.demo ? ' (demo data)' : ''} · {latest.responses} answers
              {typeof latest.responseRate === 'number'
                ? ` · response rate ${Math.round(latest.responseRate * 100)}%`
                : ''}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Promoters {latest.promoters} (
              {percent(latest.promoters ?? 0, latest.responses ?? 0)}) ·
              Passives {latest.passives} (
              {percent(latest.passives ?? 0, latest.responses ?? 0)}) ·
              Detractors {latest.detractors} (
              {percent(latest.detractors ?? 0, latest.responses ?? 0)})
            </Typography>
          </Box>
        </Box>
      )}

      {current?.tooFewAnswers && latest && (
        <Typography variant="caption" color="textSecondary" component="p">
          {current.period}: too few answers to show yet.
        </Typography>
      )}

      {periods.length > 1 && <NpsTrendChart periods={periods} />}

      {comments.length > 0 && (
        <Box mt={1}>
          <Typography variant="subtitle2">
            Comments from {latest?.period}
          </Typography>
          <Box component="ul" pl={2} m={0}>
            {comments.map((comment, i) => (
              <Typography
                key={i}
                component="li"
                variant="body2"
                data-testid="survey-comment"
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              >
                {comment}
              </Typography>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
};
