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
  configApiRef,
  identityApiRef,
  storageApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { SurveySummary } from '@paved/plugin-paved-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { SurveyAnswerForm } from './SurveyAnswerForm';

const SNOOZE_MS = 24 * 60 * 60 * 1000;

/** Whether the signed-in identity is a guest. */
function isGuest(userEntityRef: string): boolean {
  try {
    return (
      parseEntityRef(userEntityRef).name.toLocaleLowerCase('en-US') === 'guest'
    );
  } catch {
    return false;
  }
}

/**
 * An unobtrusive banner asking the signed-in person to answer an open survey
 * they have not answered in the current period. Dismiss hides that survey
 * until its next period; Snooze hides it for a day (both kept in the user's
 * settings storage, i.e. this browser by default). Never shown to guests
 * when `auth.environment` is `production`.
 *
 * @public
 */
export const SurveyPrompt = () => {
  const api = useApi(pavedApiRef);
  const configApi = useApi(configApiRef);
  const identityApi = useApi(identityApiRef);
  const storage = useApi(storageApiRef).forBucket('paved.surveys');
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [thanks, setThanks] = useState<SurveySummary>();

  const { value: surveys } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    const production =
      configApi.getOptionalString('auth.environment') === 'production';
    if (production && isGuest(identity.userEntityRef)) {
      return [];
    }
    return api.listSurveys();
  }, [api, configApi, identityApi]);

  const now = Date.now();
  const candidate = surveys?.find(s => {
    if (!s.open || s.answered || s.inAudience === false) return false;
    if (hidden.has(s.ref)) return false;
    if (storage.snapshot(`dismissed:${s.ref}:${s.currentPeriod}`).value) {
      return false;
    }
    const snoozed = storage.snapshot<number>(`snoozed:${s.ref}`).value;
    return !(typeof snoozed === 'number' && snoozed > now);
  });

  useEffect(() => {
    if (!thanks) return undefined;
    const timer = setTimeout(() => setThanks(undefined), 8000);
    return () => clearTimeout(timer);
  }, [thanks]);

  const hide = (survey: SurveySummary) =>
    setHidden(previous => new Set(previous).add(survey.ref));

  if (!candidate && !thanks) return null;

  return (
    <Paper
      elevation={6}
      role="complementary"
      aria-label="Developer survey"
      data-testid="survey-prompt"
      style={{
        position: 'fixed',
        right: 24,
        bottom: 24,
        zIndex: 1300,
        maxWidth: 520,
        padding: 16,
      }}
    >
      {thanks && !candidate ? (
        <Box display="flex" alignItems="center">
          <Typography variant="body2">
            Thanks! Your answer to “{thanks.title}” was recorded anonymously.
          </Typography>
          <IconButton
            size="small"
            aria-label="Close"
            onClick={() => setThanks(undefined)}
          >
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
      ) : (
        candidate && (
          <>
            <Box display="flex" alignItems="flex-start">
              <Box flexGrow={1}>
                <Typography variant="subtitle2">{candidate.title}</Typography>
              </Box>
              <IconButton
                size="small"
                aria-label="Dismiss survey"
                title="Don't ask again this period"
                onClick={() => {
                  storage.set(
                    `dismissed:${candidate.ref}:${candidate.currentPeriod}`,
                    true,
                  );
                  hide(candidate);
                }}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            </Box>
            <SurveyAnswerForm
              dense
              survey={candidate}
              onAnswered={() => {
                hide(candidate);
                setThanks(candidate);
              }}
            />
            <Box mt={1}>
              <Button
                size="small"
                onClick={() => {
                  storage.set(`snoozed:${candidate.ref}`, now + SNOOZE_MS);
                  hide(candidate);
                }}
              >
                Remind me tomorrow
              </Button>
            </Box>
          </>
        )
      )}
    </Paper>
  );
};
