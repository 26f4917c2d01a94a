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
import {
  scoreResourceEntityName,
  scoreServiceTarget,
  scoreToEntities,
  scoreWorkloadSummary,
} from './entities';
import { loadScoreFiles } from './validate';

const load = (...contents: string[]) => {
  const result = loadScoreFiles(
    contents.map((content, i) => ({ file: `f${i}.yaml`, content })),
  );
  expect(result.problems.filter(p => p.severity === 'error')).toEqual([]);
  return result.workloads;
};

const FRONTEND = `apiVersion: score.dev/v1b1
metadata:
  name: frontend
  annotations:
    paved.dev/component-type: website
    paved.dev/system: shop
    paved.dev/lifecycle: production
    paved.dev/tags: "React, web ui,,bad tag!"
containers:
  web:
    image: ghcr.io/acme/frontend:1.0.0
    variables:
      API_URL: http://\${resources.api.hostname}:\${resources.api.port}
      SESSION_SECRET: plain-text
      CACHE_PASSWORD: \${resources.cache.password}
resources:
  api: {type: service-port, params: {workload: catalog-api, port: http}}
  orders: {type: service, id: orders-svc}
  checkout: {type: service}
  cache: {type: redis, id: sessions}
  bucket: {type: s3, class: large, id: assets}
  dns: {type: dns}
  route: {type: route, params: {host: "\${resources.dns.host}", path: /, port: 80}}
`;

describe('scoreToEntities', () => {
  it('maps a workload to a Component and its Resources', () => {
    const entities = scoreToEntities(load(FRONTEND), {
      sourceUrl: 'https://github.com/acme/shop/blob/main/frontend/score.yaml',
      defaults: { owner: 'group:default/platform' },
    });
    const component = entities[0] as Entity;
    expect(component.metadata.name).toBe('frontend');
    expect(component.metadata.tags).toEqual(['react', 'web-ui', 'bad-tag']);
    expect(component.spec).toEqual({
      type: 'website',
      lifecycle: 'production',
      owner: 'group:default/platform',
      system: 'shop',
      dependsOn: [
        'component:default/catalog-api',
        'component:default/checkout',
        'component:default/orders-svc',
        'resource:default/frontend-dns',
        'resource:default/frontend-route',
        'resource:default/redis-sessions',
        'resource:default/s3-large-assets',
      ],
    });
    expect(
      entities
        .slice(1)
        .map(e => [e.metadata.name, e.spec?.type, e.spec?.dependsOn]),
    ).toEqual([
      ['redis-sessions', 'redis', undefined],
      ['s3-large-assets', 's3', undefined],
      ['frontend-dns', 'dns', undefined],
      ['frontend-route', 'route', ['resource:default/frontend-dns']],
    ]);
    expect(entities[1].metadata.annotations).toEqual({
      'paved.dev/score-resource-uid': 'redis.default#sessions',
      'paved.dev/score-resource-id': 'sessions',
    });
  });

  it('copies SLOs declared in the Score file to the Component', () => {
    const slos =
      'window: 30d\nobjectives:\n  - name: up\n    type: availability\n    target: 99.9%\n';
    const [withSlos] = scoreToEntities(
      load(`apiVersion: score.dev/v1b1
metadata:
  name: api
  annotations:
    paved.dev/slos: |
${slos
  .split('\n')
  .filter(Boolean)
  .map(line => `      ${line}`)
  .join('\n')}
containers:
  app: {image: ghcr.io/acme/api:1.0.0}
`),
    );
    expect(withSlos.metadata.annotations?.['paved.dev/slos']).toBe(slos);
    const [without] = scoreToEntities(load(FRONTEND));
    expect(without.metadata.annotations).not.toHaveProperty('paved.dev/slos');
  });

  it('emits a shared resource once and uses the documented defaults', () => {
    const worker = `apiVersion: score.dev/v1b1
metadata: {name: worker}
containers: {main: {image: w}}
resources:
  sessions: {type: redis, id: sessions}
`;
    const entities = scoreToEntities(load(FRONTEND, worker));
    expect(
      entities.filter(e => e.metadata.name === 'redis-sessions'),
    ).toHaveLength(1);
    const workerComponent = entities.find(e => e.metadata.name === 'worker')!;
    expect(workerComponent.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'unknown',
      dependsOn: ['resource:default/redis-sessions'],
    });
    expect(workerComponent.metadata.annotations?.['paved.dev/score-file']).toBe(
      'f1.yaml',
    );
  });

  it('redacts literal values of secret-looking resource params', () => {
    const [workload] = load(`apiVersion: score.dev/v1b1
metadata: {name: api}
containers: {main: {image: a}}
resources:
  db:
    type: postgres
    params: {size: small, adminPassword: hunter2, apiToken: '\${resources.vault.token}'}
  vault: {type: vault}
`);
    const summary = JSON.parse(scoreWorkloadSummary(workload.workload));
    expect(summary.resources.db.params).toEqual({
      size: 'small',
      adminPassword: '<redacted>',
      apiToken: '${resources.vault.token}',
    });
  });

  it('stores a redacted summary of the workload for the UI', () => {
    const [frontend] = load(FRONTEND);
    const summary = JSON.parse(scoreWorkloadSummary(frontend.workload));
    expect(summary.containers.web.variables).toEqual({
      API_URL: 'http://${resources.api.hostname}:${resources.api.port}',
      SESSION_SECRET: '<redacted>',
      CACHE_PASSWORD: '${resources.cache.password}',
    });
    expect(summary.resources.api).toEqual({
      type: 'service-port',
      params: { workload: 'catalog-api', port: 'http' },
      entityRef: 'component:default/catalog-api',
    });
    const full = scoreWorkloadSummary(frontend.workload).length;
    const small = JSON.parse(
      scoreWorkloadSummary(frontend.workload, { maxBytes: full - 1 }),
    );
    expect(small.truncated).toBe(true);
    expect(JSON.stringify(small).length).toBeLessThan(full);
    expect(small.containers.web.variables.API_URL).toBe('');
    expect(small.containers.web.image).toBe('ghcr.io/acme/frontend:1.0.0');
    const tiny = JSON.parse(
      scoreWorkloadSummary(frontend.workload, { maxBytes: 100 }),
    );
    expect(tiny).toEqual({
      v: 1,
      name: 'frontend',
      containers: {},
      ports: {},
      resources: {},
      truncated: true,
    });
  });
});

describe('naming rules', () => {
  it('names shared resources by type (and class) and id, others by workload', () => {
    expect(
      scoreResourceEntityName('api', 'db', { type: 'postgres', id: 'main' }),
    ).toBe('postgres-main');
    expect(
      scoreResourceEntityName('api', 'db', {
        type: 'postgres',
        class: 'default',
        id: 'main',
      }),
    ).toBe('postgres-main');
    expect(scoreResourceEntityName('api', 'db', { type: 'postgres' })).toBe(
      'api-db',
    );
    const long = scoreResourceEntityName('a'.repeat(40), 'b'.repeat(40), {
      type: 'x',
    });
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^a{40}-b+-[0-9a-f]{8}$/);
    expect(long).not.toBe(
      scoreResourceEntityName('a'.repeat(40), 'c'.repeat(40), { type: 'x' }),
    );
  });

  it('finds the workload a service resource points at', () => {
    expect(
      scoreServiceTarget('x', {
        type: 'service-port',
        params: { workload: 'api' },
      }),
    ).toBe('api');
    expect(scoreServiceTarget('x', { type: 'service', id: 'orders' })).toBe(
      'orders',
    );
    expect(scoreServiceTarget('cart', { type: 'service' })).toBe('cart');
    expect(scoreServiceTarget('db', { type: 'postgres' })).toBeUndefined();
  });
});

describe('examples/score', () => {
  it('is a valid multi-workload system with shared resources', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const path = require('node:path') as typeof import('node:path');
    const dir = path.resolve(__dirname, '../../../../examples/score');
    const files = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.score.yaml'))
      .map(f => ({
        file: f,
        content: fs.readFileSync(path.join(dir, f), 'utf8'),
      }));
    const result = loadScoreFiles(files);
    expect(result.problems).toEqual([]);
    const names = scoreToEntities(result.workloads).map(
      e => `${e.kind}:${e.metadata.name}`,
    );
    expect(names.sort()).toEqual([
      'Component:catalog-api',
      'Component:fulfilment-worker',
      'Component:orders-service',
      'Component:shop-frontend',
      'Resource:amqp-shop-events',
      'Resource:postgres-shop-db',
      'Resource:redis-shop-cache',
      'Resource:shop-frontend-dns',
      'Resource:shop-frontend-route',
    ]);
  });
});
