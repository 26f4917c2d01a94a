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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { GoldenPathComponent } from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';

const reasonLabels = {
  'template-outdated': 'Template outdated',
  'template-missing': 'Template missing',
  'score-invalid': 'Score file invalid',
};

const columns: TableColumn<GoldenPathComponent>[] = [
  {
    title: 'Component',
    field: 'entityRef',
    render: row => <EntityRefLink entityRef={row.entityRef} />,
  },
  {
    title: 'Created from',
    field: 'template',
    render: row =>
      row.templateVersion
        ? `${row.template}@${row.templateVersion}`
        : row.template,
  },
  {
    title: 'Current version',
    field: 'currentVersion',
    render: row => row.currentVersion ?? '—',
  },
  {
    title: 'Drift',
    field: 'reasons',
    render: row => (
      <>
        {row.reasons.map(reason => (
          <div key={reason.code}>
            <strong>{reasonLabels[reason.code]}</strong>: {reason.message}
          </div>
        ))}
      </>
    ),
  },
];

/**
 * Components created from a golden path that drifted from it: their
 * template has a newer version (or is gone), or their Score file no longer
 * validates. From `GET /api/paved/v1/golden-paths/drift`.
 *
 * @public
 */
export const GoldenPathDriftCard = () => {
  const api = useApi(pavedApiRef);
  const { loading, error, value } = useAsync(
    () => api.getGoldenPathDrift(),
    [api],
  );
  const title = 'Golden-path drift';
  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <InfoCard title={title}>
        {error && <ResponseErrorPanel error={error} />}
      </InfoCard>
    );
  }
  const templates = value.templates
    .map(t => `${t.name}@${t.version}`)
    .join(', ');
  if (value.drifted.length === 0) {
    return (
      <InfoCard title={title}>
        <EmptyState
          missing="info"
          title="No drift"
          description={
            value.components === 0
              ? `No component was created from a golden path yet. Templates: ${
                  templates || 'none with paved.dev/template-version'
                }.`
              : `All ${value.components} components created from golden paths are on their template's current version and have valid Score files. Templates: ${templates}.`
          }
        />
      </InfoCard>
    );
  }
  return (
    <Table<GoldenPathComponent>
      title={title}
      subtitle={`${value.drifted.length} of ${value.components} components created from golden paths have drifted. Templates: ${templates}.`}
      // Pages of 10: thousands of drifted components must not render at once.
      options={{
        paging: value.drifted.length > 10,
        pageSize: 10,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={value.drifted}
    />
  );
};
