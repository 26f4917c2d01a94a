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
import { Link, StructuredMetadataTable } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Deployment } from '@paved/plugin-paved-common';
import { DeploymentLogsSection } from './DeploymentLogsSection';
import { DeploymentStatusChip } from './DeploymentStatusChip';
import { durationText, httpLink, versionLabel } from './deploymentView';

/** An http(s) URL as a link; anything else only as text. */
function linkOf(d: Deployment) {
  const url = httpLink(d);
  if (url) return <Link to={url}>{url}</Link>;
  return d.url ?? '—';
}

/**
 * One deployment: status, times, source, message (errors), commits and,
 * for deployments made through an orchestrator, its logs.
 */
export const DeploymentDetails = ({
  deployment,
  onBack,
}: {
  deployment: Deployment;
  onBack: () => void;
}) => {
  const d = deployment;
  const failed = d.status === 'failure' || d.status === 'error';
  return (
    <Box>
      <Button size="small" onClick={onBack}>
        ← Back to {d.environment}
      </Button>
      <Typography variant="h6" gutterBottom>
        {versionLabel(d)} to {d.environment}
      </Typography>
      {d.message && (
        <Box mb={2}>
          <Typography
            variant="body2"
            color={failed ? 'error' : 'textPrimary'}
            component="pre"
            style={{ whiteSpace: 'pre-wrap' }}
          >
            {failed ? 'Error: ' : ''}
            {d.message}
          </Typography>
        </Box>
      )}
      <StructuredMetadataTable
        metadata={{
          status: <DeploymentStatusChip status={d.status} />,
          environment: `${d.environment}${d.production ? ' (production)' : ''}`,
          version: d.version ?? '—',
          commit: d.commitSha ?? '—',
          started: new Date(d.startedAt).toUTCString(),
          finished: d.finishedAt ? new Date(d.finishedAt).toUTCString() : '—',
          duration: durationText(d) ?? '—',
          source: `${d.source} (${d.externalId})`,
          link: linkOf(d),
        }}
      />
      <Box mt={2}>
        <Typography variant="subtitle2">
          Commits shipped ({d.changes.length})
        </Typography>
        {d.changes.length ? (
          <ul>
            {d.changes.map(c => (
              <li key={c.sha}>
                <code>{c.sha.slice(0, 12)}</code>
                {c.message ? ` ${c.message}` : ''}
                {c.author ? ` — ${c.author}` : ''}
                {c.committedAt
                  ? `, committed ${new Date(c.committedAt).toUTCString()}`
                  : ''}
              </li>
            ))}
          </ul>
        ) : (
          <Typography variant="body2">No commits recorded.</Typography>
        )}
      </Box>
      <DeploymentLogsSection deployment={d} />
    </Box>
  );
};
