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
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi, useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Divider from '@material-ui/core/Divider';
import {
  SurveyResults,
  SurveySummary,
  surveyManagePermission,
} from '@paved/plugin-paved-common';
import { Fragment, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pavedApiRef } from '../../api';
import { SurveyAnswerForm } from './SurveyAnswerForm';
import { SurveyResultsView } from './SurveyResultsView';

/**
 * Whether the user may open and close surveys. Without a permission API
 * (e.g. a bare test app) the actions stay hidden; the backend checks anyway.
 */
function useCanManageSurveys(): boolean {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value } = useAsync(async () => {
    if (!permissionApi) return false;
    const decision = await permissionApi.authorize({
      permission: surveyManagePermission,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }, [permissionApi]);
  return value ?? false;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const SurveyActions = ({
  survey,
  canManage,
  onChanged,
}: {
  survey: SurveySummary;
  canManage: boolean;
  onChanged: () => void;
}) => {
  const api = useApi(pavedApiRef);
  const alertApi = useApi(alertApiRef);
  const [answering, setAnswering] = useState(false);
  const run = async (what: () => Promise<unknown>) => {
    try {
      await what();
    } catch (e) {
      alertApi.post({ message: (e as Error).message, severity: 'error' });
    }
  };
  return (
    <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 8 }}>
      {survey.open && survey.inAudience !== false && (
        <Button
          size="small"
          variant="outlined"
          onClick={() => setAnswering(true)}
        >
          {survey.answered ? 'Change my answer' : 'Answer'}
        </Button>
      )}
      <Button
        size="small"
        onClick={() =>
          run(async () =>
            download(
              `${survey.name}-results.csv`,
              await api.getSurveyResultsCsv(survey.ref),
            ),
          )
        }
      >
        Export CSV
      </Button>
      {canManage && (
        <Button
          size="small"
          onClick={() =>
            run(async () => {
              await api.setSurveyOpen(survey.ref, !survey.open);
              onChanged();
            })
          }
        >
          {survey.open ? 'Close survey' : 'Open survey'}
        </Button>
      )}
      <Dialog
        open={answering}
        onClose={() => setAnswering(false)}
        aria-labelledby={`answer-${survey.name}`}
      >
        <DialogTitle id={`answer-${survey.name}`}>{survey.title}</DialogTitle>
        <DialogContent>
          <SurveyAnswerForm
            survey={survey}
            onAnswered={() => {
              setAnswering(false);
              onChanged();
            }}
          />
        </DialogContent>
      </Dialog>
    </Box>
  );
};

/**
 * Results of every survey about a subject (`platform` or an entity ref), with
 * answer, CSV export and, for survey managers, open/close actions.
 */
export const SurveyResultsCard = ({
  subject,
  title,
  hideWhenEmpty,
}: {
  subject: string;
  title: string;
  /** Render nothing when no survey is about the subject. */
  hideWhenEmpty?: boolean;
}) => {
  const api = useApi(pavedApiRef);
  const canManage = useCanManageSurveys();
  const state = useAsyncRetry(
    () => api.getSurveyResultsBySubject(subject),
    [api, subject],
  );
  const items: SurveyResults[] = state.value ?? [];
  if (hideWhenEmpty && state.value && items.length === 0) {
    return null;
  }
  return (
    <InfoCard title={title}>
      {state.loading && !state.value && <Progress />}
      {state.error && <ResponseErrorPanel error={state.error} />}
      {state.value && items.length === 0 && (
        <EmptyState
          missing="data"
          title="No survey yet"
          description="Add a Survey (apiVersion paved.dev/v1alpha1) about this subject to a repository the catalog reads; see docs/surveys.md."
        />
      )}
      {items.map((results, i) => (
        <Fragment key={results.survey.ref}>
          {i > 0 && (
            <Box my={2}>
              <Divider />
            </Box>
          )}
          <SurveyResultsView results={results} />
          <SurveyActions
            survey={results.survey}
            canManage={canManage}
            onChanged={state.retry}
          />
        </Fragment>
      ))}
    </InfoCard>
  );
};
