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
import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OffPathComponent } from '@paved/plugin-paved-common';

const columns: TableColumn<OffPathComponent>[] = [
  {
    title: 'Component',
    field: 'entityRef',
    render: row => (
      <EntityRefLink entityRef={row.entityRef} title={row.title} />
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => (row.owner ? <EntityRefLink entityRef={row.owner} /> : '—'),
  },
  {
    title: 'Deviations',
    field: 'deviations',
    type: 'numeric',
    render: row => row.deviations.length,
  },
  { title: 'Automation', field: 'automationScore', type: 'numeric' },
  { title: 'Complexity', field: 'complexityScore', type: 'numeric' },
  {
    title: 'Off the golden path because',
    field: 'deviations',
    render: row => (
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {row.deviations.map((d, i) => (
          <li key={i}>{d.message}</li>
        ))}
      </ul>
    ),
  },
];

/**
 * The components furthest off the golden path: most deviations first
 * (not from a golden path, outdated template, overridden defaults, no or
 * broken Score file, failed automation checks).
 */
export const OffPathCard = ({ items }: { items: OffPathComponent[] }) => (
  <InfoCard
    title="Furthest off the golden path"
    subheader="Most deviations first; each entity page shows how to fix them"
  >
    <Table<OffPathComponent>
      options={{
        paging: false,
        search: false,
        toolbar: false,
        padding: 'dense',
      }}
      columns={columns}
      data={items}
      emptyContent={
        <div style={{ padding: 16 }}>
          Every component is on the golden path.
        </div>
      }
    />
  </InfoCard>
);
