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
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  SURVEY_COMMENT_MAX_LENGTH,
  SurveyAnswerReceipt,
  SurveySummary,
} from '@paved/plugin-paved-common';
import { useState } from 'react';
import { pavedApiRef } from '../../api';

/**
 * The 0–10 question, the optional follow-up and Submit: a score click and a
 * Submit click answer the survey.
 */
export const SurveyAnswerForm = ({
  survey,
  onAnswered,
  dense,
}: {
  survey: SurveySummary;
  onAnswered: (receipt: SurveyAnswerReceipt) => void;
  dense?: boolean;
}) => {
  const api = useApi(pavedApiRef);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (score === null) return;
    setBusy(true);
    setError(undefined);
    try {
      const receipt = await api.answerSurvey(survey.ref, {
        score,
        ...(comment.trim() ? { comment } : {}),
      });
      onAnswered(receipt);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Typography variant={dense ? 'body2' : 'body1'} gutterBottom>
        {survey.question}
      </Typography>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={score}
        onChange={(_, value) => setScore(value === null ? score : value)}
        aria-label="Score from 0 (not at all likely) to 10 (extremely likely)"
      >
        {Array.from({ length: 11 }, (_, n) => (
          <ToggleButton key={n} value={n} aria-label={`Score ${n}`}>
            {n}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box display="flex" justifyContent="space-between" maxWidth={440}>
        <Typography variant="caption" color="textSecondary">
          0 not at all likely
        </Typography>
        <Typography variant="caption" color="textSecondary">
          10 extremely likely
        </Typography>
      </Box>
      {score !== null && (
        <Box mt={1}>
          <TextField
            label={survey.followUp ?? 'Anything you want to add? (optional)'}
            placeholder="Optional; shown without your name"
            multiline
            minRows={2}
            fullWidth
            variant="outlined"
            size="small"
            value={comment}
            onChange={e => setComment(e.target.value)}
            inputProps={{
              maxLength: SURVEY_COMMENT_MAX_LENGTH,
              'aria-label': 'Comment',
            }}
            helperText={`${comment.length}/${SURVEY_COMMENT_MAX_LENGTH} · answers are anonymous; results show only with ${survey.minimumAnswers}+ answers`}
          />
        </Box>
      )}
      {error && (
        <Typography color="error" variant="body2" role="alert">
          {error}
        </Typography>
      )}
      <Box mt={1}>
        <Button
          variant="contained"
          color="primary"
          size="small"
          disabled={score === null || busy}
          onClick={submit}
        >
          Submit
        </Button>
      </Box>
    </Box>
  );
};
