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
  Link,
  ResponseErrorPanel,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Preview } from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';

/** How many previews the card lists (live first, then the latest closed). */
const SHOWN = 10;

const labels: Record<Preview['state'], string> = {
  pending: 'pending',
  deploying: 'deploying',
  active: 'live',
  refused: 'refused',
  failed: 'failed',
  deleting: 'removing',
  deleted: 'removed',
  skipped: 'skipped',
};

const PreviewStatus = ({ preview }: { preview: Preview }) => {
  const label =
    preview.desired === 'closed' && preview.state !== 'deleted'
      ? 'removing'
      : labels[preview.state] ?? preview.state;
  switch (preview.state) {
    case 'active':
      return preview.desired === 'closed' ? (
        <StatusPending>{label}</StatusPending>
      ) : (
        <StatusOK>{label}</StatusOK>
      );
    case 'failed':
    case 'refused':
      return <StatusError>{label}</StatusError>;
    case 'deploying':
      return <StatusRunning>{label}</StatusRunning>;
    case 'pending':
    case 'deleting':
      return <StatusPending>{label}</StatusPending>;
    case 'deleted':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusWarning>{label}</StatusWarning>;
  }
};

/** "3 h", "2 d": how long ago, coarse on purpose. */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

const columns: TableColumn<Preview>[] = [
  {
    title: 'Pull request',
    render: p => (
      <>
        {p.webUrl ? <Link to={p.webUrl}>#{p.number}</Link> : `#${p.number}`}{' '}
        {p.title}
      </>
    ),
  },
  {
    title: 'Status',
    render: p => (
      <>
        <PreviewStatus preview={p} />
        {p.reason && (
          <Typography variant="caption" display="block" color="textSecondary">
            {p.reason}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'URL',
    render: p =>
      p.environmentUrl && p.state === 'active' && p.desired === 'active' ? (
        <Link to={p.environmentUrl}>{p.environmentUrl}</Link>
      ) : (
        '—'
      ),
  },
  { title: 'Environment', render: p => p.environmentId ?? '—' },
  { title: 'Age', render: p => age(p.createdAt) },
];

/**
 * The entity's pull-request previews (`pr-<number>` environments): live
 * ones first, then the most recently closed. Renders nothing when the
 * entity never had one.
 */
export const PreviewsSection = ({ entityRef }: { entityRef: string }) => {
  const api = useApi(pavedApiRef);
  const { value, error } = useAsync(
    () => api.listPreviews(entityRef),
    [api, entityRef],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) return null;
  const live = value.filter(p => p.state !== 'deleted');
  const closed = value.filter(p => p.state === 'deleted');
  return (
    <Box mt={2} data-testid="paved-previews">
      <Typography variant="subtitle2">Previews</Typography>
      <Table<Preview>
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        data={[...live, ...closed].slice(0, SHOWN)}
        columns={columns}
      />
    </Box>
  );
};
