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
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { Deployment } from '@paved/plugin-paved-common';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { DeploymentDetails } from './DeploymentDetails';
import { DeploymentStatusChip } from './DeploymentStatusChip';
import { PreviewsSection } from './PreviewsSection';
import {
  EnvironmentSummary,
  summariseEnvironments,
  versionLabel,
} from './deploymentView';

/** URL search parameters holding the drill-down state. */
export const ENV_PARAM = 'deploymentsEnv';
export const DEPLOYMENT_PARAM = 'deployment';

const tableOptions = {
  paging: false,
  search: false,
  toolbar: false,
  padding: 'dense' as const,
};

const when = (iso: string) =>
  new Date(iso).toUTCString().replace(' GMT', ' UTC');

const environmentColumns: TableColumn<EnvironmentSummary>[] = [
  {
    title: 'Environment',
    render: s => (
      <>
        {s.environment}{' '}
        {s.production && <Chip size="small" label="production" />}
      </>
    ),
  },
  {
    title: 'Current version',
    render: s => (s.current ? versionLabel(s.current) : 'none succeeded yet'),
  },
  {
    title: 'Latest deployment',
    render: s => (
      <>
        <DeploymentStatusChip status={s.latest.status} />{' '}
        {versionLabel(s.latest)}
      </>
    ),
  },
  { title: 'When', render: s => when(s.latest.startedAt) },
  { title: 'Deployments', field: 'count' },
];

const historyColumns: TableColumn<Deployment>[] = [
  { title: 'Version', render: d => versionLabel(d) },
  { title: 'Status', render: d => <DeploymentStatusChip status={d.status} /> },
  { title: 'Started', render: d => when(d.startedAt) },
  { title: 'Source', field: 'source' },
];

const ConnectHelp = ({ entityRef }: { entityRef: string }) => (
  <EmptyState
    missing="data"
    title="No deployments recorded yet"
    description={
      <>
        <Typography variant="body2" paragraph>
          Paved records deployments from webhooks, CI and orchestrators. To
          connect this entity, do one of:
        </Typography>
        <ul>
          <li>
            Point a GitHub or GitLab webhook at{' '}
            <code>/api/paved/v1/webhooks/github</code> (or <code>gitlab</code>)
            and give the entity the <code>github.com/project-slug</code> or{' '}
            <code>gitlab.com/project-slug</code> annotation.
          </li>
          <li>
            Record from any CI:{' '}
            <code>
              paved deploy record --entity {entityRef} --id $RUN_ID --env
              production --status success
            </code>
          </li>
          <li>
            Annotate it with <code>paved.dev/orchestrator-project</code> (or{' '}
            <code>humanitec.com/appId</code>) when an orchestrator provider is
            configured.
          </li>
        </ul>
        <Typography variant="body2">
          See docs/deployments.md for each source's setup.
        </Typography>
      </>
    }
  />
);

/**
 * Deployments of the entity: each environment with its current version and
 * latest status, a drill-down to an environment's history and to one
 * deployment (kept in the URL so it can be shared), and recent history.
 *
 * @public
 */
export const DeploymentsCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(pavedApiRef);
  const [params, setParams] = useSearchParams();
  const selectedEnv = params.get(ENV_PARAM) ?? undefined;
  const selectedId = params.get(DEPLOYMENT_PARAM) ?? undefined;

  const { loading, error, value } = useAsync(
    () => api.listDeployments({ entityRef, limit: 200 }),
    [api, entityRef],
  );
  const selected = useAsync(async () => {
    if (!selectedId) return undefined;
    return (
      value?.find(d => d.id === selectedId) ?? api.getDeployment(selectedId)
    );
  }, [api, selectedId, value]);

  const navigate = (next: { env?: string; deployment?: string }) => {
    const updated = new URLSearchParams(params);
    for (const [key, v] of [
      [ENV_PARAM, next.env],
      [DEPLOYMENT_PARAM, next.deployment],
    ] as const) {
      if (v) updated.set(key, v);
      else updated.delete(key);
    }
    setParams(updated);
  };

  let content: JSX.Element;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.length) {
    content = <ConnectHelp entityRef={entityRef} />;
  } else if (selectedId) {
    if (selected.loading) content = <Progress />;
    else if (selected.error || !selected.value) {
      content = (
        <ResponseErrorPanel
          error={
            selected.error ?? new Error(`Deployment ${selectedId} not found`)
          }
        />
      );
    } else {
      content = (
        <DeploymentDetails
          deployment={selected.value}
          onBack={() => navigate({ env: selected.value!.environment })}
        />
      );
    }
  } else if (selectedEnv) {
    const history = value.filter(d => d.environment === selectedEnv);
    content = (
      <Box>
        <Button size="small" onClick={() => navigate({})}>
          ← All environments
        </Button>
        <Table<Deployment>
          title={`History of ${selectedEnv}`}
          options={{ ...tableOptions, toolbar: true }}
          data={history}
          onRowClick={(_e, d) =>
            d && navigate({ env: selectedEnv, deployment: d.id })
          }
          columns={historyColumns}
          emptyContent={
            <Typography>No deployments to {selectedEnv} recorded.</Typography>
          }
        />
      </Box>
    );
  } else {
    const environments = summariseEnvironments(value);
    content = (
      <Box>
        <Table<EnvironmentSummary>
          options={tableOptions}
          data={environments}
          onRowClick={(_e, s) => s && navigate({ env: s.environment })}
          columns={environmentColumns}
        />
        <Box mt={2}>
          <Typography variant="subtitle2">Recent deployments</Typography>
          <Table<Deployment>
            options={tableOptions}
            data={value.slice(0, 10)}
            onRowClick={(_e, d) =>
              d && navigate({ env: d.environment, deployment: d.id })
            }
            columns={[
              { title: 'Environment', field: 'environment' },
              ...historyColumns,
            ]}
          />
        </Box>
      </Box>
    );
  }
  return (
    <InfoCard title="Deployments">
      {content}
      {!selectedId && !selectedEnv && !loading && (
        <PreviewsSection entityRef={entityRef} />
      )}
    </InfoCard>
  );
};
