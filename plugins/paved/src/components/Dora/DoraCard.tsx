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
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  DORA_ALL_METRIC_KEYS,
  DORA_METRIC_KEYS,
  DoraReport,
} from '@paved/plugin-paved-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { DoraCommitCoverage } from './DoraCommitCoverage';
import { DoraMetricTile } from './DoraMetricTile';
import { DoraWindowSelect } from './DoraWindowSelect';

/** "Sep 1 – Sep 28, 2026 (Europe/Berlin)" of a report window. */
export function windowText(report: Pick<DoraReport, 'window'>): string {
  const { from, to, timeZone } = report.window;
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
  });
  const year = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
  const last = new Date(Date.parse(to) - 1);
  return `${day.format(new Date(from))} – ${day.format(last)}, ${year.format(
    last,
  )} (${timeZone})`;
}

const hasData = (report: DoraReport) =>
  DORA_METRIC_KEYS.some(key => report.metrics[key].sampleCount > 0) ||
  report.metrics.deploymentFrequency.failedDeployments > 0;

/** How to get deployments and incidents into the ledger. */
const ConnectData = ({
  entityRef,
  days,
}: {
  entityRef: string;
  days: number;
}) => (
  <EmptyState
    missing="data"
    title={`No deployments or incidents in the last ${days} days`}
    description={
      <>
        <Typography variant="body2" paragraph>
          The DORA metrics come from the deployment ledger. Record each
          production deployment from CI, with the commits it ships:
        </Typography>
        <Typography
          variant="body2"
          component="pre"
          paragraph
          style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}
        >
          {`paved deploy record --entity ${entityRef} --env production \\
  --status success --id "$CI_RUN_ID" --pipeline-run "$CI_RUN_URL" \\
  --change "$(git log -1 --format=%H@%cI)"`}
        </Typography>
        <Typography variant="body2" paragraph>
          or connect a GitHub, GitLab or Argo CD webhook (docs/deployments.md),
          and send incidents from PagerDuty or to POST /api/paved/v1/incidents.
          How the four keys and deployment rework rate are measured:
          docs/dora.md.
        </Typography>
      </>
    }
  />
);

/**
 * The four DORA keys of the entity: deployment frequency, lead time for
 * changes, change failure rate and failed deployment recovery time, each
 * with its band and weekly trend, over a chosen window.
 *
 * @public
 */
export const DoraCard = () => {
  const { entity } = useEntity();
  const api = useApi(pavedApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [days, setDays] = useState(28);
  const { value, loading, error } = useAsync(
    () => api.getDoraReport({ entity: entityRef, days }),
    [api, entityRef, days],
  );
  return (
    <InfoCard
      title="DORA metrics"
      subheader={value ? windowText(value) : undefined}
      action={<DoraWindowSelect days={days} onChange={setDays} />}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && !loading && !hasData(value) && (
        <ConnectData entityRef={entityRef} days={days} />
      )}
      {value && !loading && hasData(value) && (
        <>
          <Grid container spacing={3}>
            {DORA_ALL_METRIC_KEYS.map(key => (
              <Grid item xs={12} sm={6} md={4} lg key={key}>
                <DoraMetricTile metrics={value.metrics} metricKey={key} />
              </Grid>
            ))}
          </Grid>
          <DoraCommitCoverage coverage={value.commitCoverage} />
          {value.pendingEntities > 0 && (
            <Typography variant="caption" color="textSecondary">
              Recent ledger changes are still being rolled up.
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
};
