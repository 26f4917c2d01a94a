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
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { PavedProviderInfo } from '@paved/plugin-paved-common';
import { ago } from '../shared/ago';
import { PavedInfoState } from './usePavedInfo';

/** The scheduled sync's last run: when, what it wrote, and what failed. */
const SyncState = ({ provider }: { provider: PavedProviderInfo }) => {
  const sync = provider.sync;
  if (!sync?.lastRunAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        {sync?.failingItems
          ? `Not run yet; ${sync.failingItems} item(s) waiting for a retry`
          : 'Not run yet'}
      </Typography>
    );
  }
  const ran = ago(sync.lastRunAt);
  return (
    <Box>
      <Typography variant="body2">
        {`${ran}: ${sync.deployments ?? 0} deployment(s) written`}
      </Typography>
      {sync.error && (
        <Typography
          variant="body2"
          color="error"
          data-testid={`provider-sync-error-${provider.id}`}
        >
          {sync.error}
        </Typography>
      )}
      {!sync.error && sync.failingItems > 0 && (
        <Typography variant="body2" color="textSecondary">
          {`${sync.failingItems} item(s) waiting for a retry`}
        </Typography>
      )}
    </Box>
  );
};

const columns: TableColumn<PavedProviderInfo>[] = [
  { title: 'Provider', field: 'title' },
  { title: 'Id', field: 'id' },
  { title: 'Type', field: 'type' },
  {
    title: 'Last sync',
    field: 'sync.lastRunAt',
    render: provider => <SyncState provider={provider} />,
  },
];

/** The deployment orchestrators the backend has been given. */
export const ProvidersCard = ({ info }: { info: PavedInfoState }) => {
  const { loading, value } = info;
  if (loading) {
    return (
      <InfoCard title="Orchestrator providers">
        <Progress />
      </InfoCard>
    );
  }
  if (!value) {
    return <InfoCard title="Orchestrator providers" />;
  }
  if (value.providers.length === 0) {
    return (
      <InfoCard title="Orchestrator providers">
        <EmptyState
          missing="info"
          title="No orchestrator connected"
          description="Paved deploys through orchestrator provider modules registered on the paved.orchestrator extension point. Add a provider module to your backend and configure it in app-config.yaml."
        />
      </InfoCard>
    );
  }
  return (
    <Table<PavedProviderInfo>
      title="Orchestrator providers"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value.providers}
    />
  );
};
