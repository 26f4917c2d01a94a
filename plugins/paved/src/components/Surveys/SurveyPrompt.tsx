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
  StorageApi,
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
import { KeyboardEvent, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { SurveyAnswerForm } from './SurveyAnswerForm';

const SNOOZE_MS = 24 * 60 * 60 * 1000;
// One prompt per page: a fixed id names the dialog.
const titleId = 'paved-survey-prompt-title';

/**
 * Pages the prompt never shows on, by path prefix: forms whose primary
 * buttons sit where the prompt would (the scaffolder's wizard, catalog
 * import, settings).
 *
 * @public
 */
export const SURVEY_PROMPT_HIDDEN_PATHS = [
  '/create',
  '/catalog-import',
  '/settings',
];

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

function isHiddenOn(pathname: string, prefixes: string[]): boolean {
  return prefixes.some(prefix => {
    const p = prefix.replace(/\/$/, '');
    return pathname === p || pathname.startsWith(`${p}/`);
  });
}

/**
 * The stored values of `keys`, kept current: storage that loads from the
 * backend (user settings) answers `unknown` first and the value later, so
 * a snooze stored before a reload is only known once it has loaded.
 */
function useStoredValues(storage: StorageApi, keys: string[]) {
  const joined = keys.join('\n');
  const [, rerender] = useState(0);
  useEffect(() => {
    const subscriptions = (joined ? joined.split('\n') : []).map(key =>
      storage.observe$(key).subscribe({ next: () => rerender(n => n + 1) }),
    );
    return () => subscriptions.forEach(s => s.unsubscribe());
  }, [storage, joined]);
  return (key: string) => storage.snapshot(key);
}

/**
 * An unobtrusive prompt asking the signed-in person to answer an open
 * survey they have not answered in the current period. Dismiss hides that
 * survey until its next period; "Remind me tomorrow" snoozes it for a day;
 * both are kept in the user's settings storage (this browser's local
 * storage by default, or the user-settings backend), so they survive
 * reloads. Escape closes it until the next page load. It is a labelled,
 * non-modal dialog reachable with Tab, never shown on forms
 * (`hiddenOn`, default {@link SURVEY_PROMPT_HIDDEN_PATHS}) and never to
 * guests when `auth.environment` is `production`.
 *
 * @public
 */
export const SurveyPrompt = ({
  hiddenOn = SURVEY_PROMPT_HIDDEN_PATHS,
}: {
  /** Path prefixes of pages the prompt stays off. */
  hiddenOn?: string[];
}) => {
  const api = useApi(pavedApiRef);
  const configApi = useApi(configApiRef);
  const identityApi = useApi(identityApiRef);
  const storageApi = useApi(storageApiRef);
  const [storage] = useState(() => storageApi.forBucket('paved.surveys'));
  const { pathname } = useLocation();
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [closed, setClosed] = useState(false);
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

  const open = (surveys ?? []).filter(
    s => s.open && !s.answered && s.inAudience !== false,
  );
  const stored = useStoredValues(
    storage,
    open.flatMap(s => [
      `dismissed:${s.ref}:${s.currentPeriod}`,
      `snoozed:${s.ref}`,
    ]),
  );
  const now = Date.now();
  const candidate = open.find(s => {
    if (hidden.has(s.ref)) return false;
    const dismissed = stored(`dismissed:${s.ref}:${s.currentPeriod}`);
    const snoozed = stored(`snoozed:${s.ref}`);
    // Not loaded yet: wait rather than show what may have been put off.
    if (dismissed.presence === 'unknown' || snoozed.presence === 'unknown') {
      return false;
    }
    if (dismissed.value) return false;
    return !(typeof snoozed.value === 'number' && snoozed.value > now);
  });

  useEffect(() => {
    if (!thanks) return undefined;
    const timer = setTimeout(() => setThanks(undefined), 8000);
    return () => clearTimeout(timer);
  }, [thanks]);

  const hide = (survey: SurveySummary) =>
    setHidden(previous => new Set(previous).add(survey.ref));

  if (closed || isHiddenOn(pathname, hiddenOn)) return null;
  if (!candidate && !thanks) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      setClosed(true);
    }
  };

  return (
    <Paper
      elevation={6}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      data-testid="survey-prompt"
      onKeyDown={onKeyDown}
      style={{
        position: 'fixed',
        right: 24,
        bottom: 24,
        zIndex: 1300,
        maxWidth: 440,
        padding: 16,
      }}
    >
      {thanks && !candidate ? (
        <Box display="flex" alignItems="center">
          <Typography variant="body2" id={titleId}>
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
                <Typography variant="subtitle2" component="h2" id={titleId}>
                  {candidate.title}
                </Typography>
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
