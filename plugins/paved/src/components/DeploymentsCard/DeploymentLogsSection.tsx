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
  LogViewer,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Deployment, DeploymentLogLine } from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { httpLink } from './deploymentView';

const ORCHESTRATOR_SOURCE = 'orchestrator:';

/** Whether Paved can ask an orchestrator for the deployment's logs. */
export const hasOrchestratorLogs = (d: Pick<Deployment, 'source'>) =>
  d.source.startsWith(ORCHESTRATOR_SOURCE);

// ANSI colours the LogViewer renders: errors red, warnings yellow.
const LEVEL_COLOURS: Record<string, number> = {
  error: 31,
  fatal: 31,
  warn: 33,
  warning: 33,
};

/** The lines as LogViewer text: `timestamp LEVEL message`, one per line. */
export function formatLogLines(lines: DeploymentLogLine[]): string {
  return lines
    .map(line => {
      let level = line.level?.toUpperCase();
      const colour = line.level && LEVEL_COLOURS[line.level.toLowerCase()];
      if (level && colour) level = `\u001b[${colour}m${level}\u001b[0m`;
      return [line.timestamp, level, line.message]
        .filter(part => part !== undefined && part !== '')
        .join(' ');
    })
    .join('\n');
}

/**
 * The server's explanation when a deployment has no logs to show (its
 * provider cannot read them, is not configured to, or has none), or
 * undefined for other errors.
 */
function noLogsReason(error: Error): string | undefined {
  if (error.name !== 'ResponseError') return undefined;
  const { statusCode, cause } = error as ResponseError;
  return statusCode === 404 || statusCode === 501 ? cause.message : undefined;
}

/**
 * The deployment's log, read from the orchestrator that made it; for
 * records from CI systems, where to find theirs.
 */
export const DeploymentLogsSection = ({
  deployment,
}: {
  deployment: Deployment;
}) => {
  const api = useApi(pavedApiRef);
  const fromOrchestrator = hasOrchestratorLogs(deployment);
  const { loading, error, value } = useAsync(async () => {
    if (!fromOrchestrator) return undefined;
    return api.getDeploymentLogs(deployment.id);
  }, [api, deployment.id, fromOrchestrator]);

  let content: JSX.Element;
  if (!fromOrchestrator) {
    const link = httpLink(deployment) ? ': follow its link above' : '';
    content = (
      <Typography variant="body2">
        {`Logs of this deployment are in the CI system that sent the record (${deployment.source})${link}. Paved shows logs only for deployments made through an orchestrator.`}
      </Typography>
    );
  } else if (loading) {
    content = <Progress />;
  } else if (error) {
    const reason = noLogsReason(error);
    content = reason ? (
      <Alert severity="info">{reason}</Alert>
    ) : (
      <ResponseErrorPanel error={error} />
    );
  } else if (!value?.lines.length) {
    content = (
      <Alert severity="info">
        The orchestrator returned no log lines for this deployment.
      </Alert>
    );
  } else {
    const lines = value.lines;
    // LogViewer fills its container: size it to the log, within bounds.
    content = (
      <Box height={Math.min(480, Math.max(160, 60 + lines.length * 20))}>
        <LogViewer text={formatLogLines(lines)} />
      </Box>
    );
  }

  return (
    <Box mt={2}>
      <Typography variant="subtitle2" gutterBottom>
        Logs
      </Typography>
      {content}
    </Box>
  );
};
