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
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { loadScoreFiles, scoreToEntities } from '@paved/plugin-paved-common';
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkloadCard } from './WorkloadCard';

// The card renders what the Score mapping writes, from the real demo files.
const demo = ['orders.score.yaml', 'catalog-api.score.yaml'].map(file => ({
  file: `https://git.example.com/shop/blob/main/${file}`,
  content: readFileSync(
    resolve(__dirname, '../../../../../examples/score', file),
    'utf8',
  ),
}));
const entities = scoreToEntities(loadScoreFiles(demo).workloads);
const orders = entities.find(e => e.metadata.name === 'orders-service')!;

const renderCard = (entity: Entity) =>
  renderInTestApp(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: [entity] })]]}
    >
      <EntityProvider entity={entity}>
        <WorkloadCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

describe('WorkloadCard', () => {
  it('shows containers, ports, resources and variables linked to resources', async () => {
    await renderCard(orders);

    expect(
      await screen.findByText('ghcr.io/paved-demo/orders-service:3.0.1'),
    ).toBeInTheDocument();
    expect(screen.getByText('Service ports')).toBeInTheDocument();
    expect(screen.getAllByText('8080', { selector: 'td' })).toHaveLength(2);
    expect(screen.getByText('shared: shop-db')).toBeInTheDocument();
    expect(
      screen.getByText('workload=catalog-api, port=http'),
    ).toBeInTheDocument();

    // A placeholder is a link to the resource entity it names.
    const placeholder = screen.getAllByRole('link', {
      name: '${resources.db.username}',
    })[0];
    expect(placeholder).toHaveAttribute(
      'href',
      '/catalog/default/resource/postgres-shop-db',
    );
    // The Score file is linked.
    expect(
      screen.getByRole('link', { name: /View score.yaml/ }),
    ).toHaveAttribute('href', demo[0].file);
  });

  it('masks literal values of secret-looking variables', async () => {
    const [entity] = scoreToEntities(
      loadScoreFiles([
        {
          file: 'leak.score.yaml',
          content: `apiVersion: score.dev/v1b1
metadata: {name: leaky}
containers:
  main:
    image: nginx
    variables:
      API_TOKEN: s3cr3t-value
      LOG_LEVEL: debug
`,
        },
      ]).workloads,
    );
    await renderCard(entity);

    expect(await screen.findByText('debug')).toBeInTheDocument();
    expect(screen.queryByText(/s3cr3t-value/)).not.toBeInTheDocument();
    const row = screen.getByText('API_TOKEN').closest('tr')!;
    expect(within(row).getByText('••••••')).toBeInTheDocument();
  });

  it('lists the processing errors of a broken Score file', async () => {
    const broken = {
      ...orders,
      status: {
        items: [
          {
            type: 'backstage.io/catalog-processing',
            level: 'error',
            message:
              'InputError: orders.score.yaml:12:7 containers.app.image: must be a string',
            error: {
              name: 'InputError',
              message:
                'orders.score.yaml:12:7 containers.app.image: must be a string',
            },
          },
        ],
      },
    } as Entity;
    await renderCard(broken);

    expect(
      await screen.findByText(
        /has 1 problem\(s\); the catalog shows the last good version/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'orders.score.yaml:12:7 containers.app.image: must be a string',
      ),
    ).toBeInTheDocument();
  });

  it('explains how to describe a workload when the entity has none', async () => {
    await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'plain' },
      spec: { type: 'service', owner: 'me', lifecycle: 'production' },
    });
    expect(await screen.findByText(/No Score workload/)).toBeInTheDocument();
  });
});
