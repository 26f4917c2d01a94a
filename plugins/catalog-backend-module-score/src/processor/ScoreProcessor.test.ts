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
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { InMemoryProcessorCache, InMemoryUrlReader } from '../testing/inMemory';
import { isScoreFileTarget, ScoreProcessor } from './ScoreProcessor';

const REPO = 'https://github.com/acme/shop/blob/main';
// GitHub's resolveUrl returns tree URLs, which its reader also serves for files.
const TREE = 'https://github.com/acme/shop/tree/main';

const API = `apiVersion: score.dev/v1b1
metadata:
  name: api
  annotations:
    paved.dev/owner: group:default/payments
    tags: "go, HTTP"
containers:
  main:
    image: ghcr.io/acme/api:1.0.0
    variables:
      DB_HOST: \${resources.db.host}
      CACHE: \${resources.cache.host}
resources:
  db:
    type: postgres
    id: shop-db
  cache:
    type: redis
  web:
    type: service
service:
  ports:
    http:
      port: 8080
---
apiVersion: score.dev/v1b1
metadata:
  name: worker
containers:
  main:
    image: ghcr.io/acme/worker:1.0.0
    variables:
      DB_HOST: \${resources.database.host}
resources:
  database:
    type: postgres
    id: shop-db
`;

function setup(config: object = {}) {
  const reader = new InMemoryUrlReader();
  const root = new ConfigReader(config);
  const processor = new ScoreProcessor({
    reader,
    integrations: ScmIntegrations.fromConfig(root),
    settings: {
      defaults: { lifecycle: 'production' },
      limits: { maxBytes: 64 * 1024 },
    },
  });
  const emitted: CatalogProcessorResult[] = [];
  const emit = (r: CatalogProcessorResult) => emitted.push(r);
  return { reader, processor, emitted, emit };
}

const entitiesOf = (results: CatalogProcessorResult[]) =>
  results.flatMap(r => (r.type === 'entity' ? [r] : []));
const errorsOf = (results: CatalogProcessorResult[]) =>
  results.flatMap(r => (r.type === 'error' ? [r.error.message] : []));

describe('isScoreFileTarget', () => {
  it.each([
    ['https://github.com/a/b/blob/main/score.yaml', true],
    ['https://github.com/a/b/blob/main/svc/score.yml?ref=x', true],
    ['/repo/api.score.yaml', true],
    ['https://github.com/a/b/blob/main/catalog-info.yaml', false],
    ['/repo/myscore.yaml', false],
    ['/repo/score.yaml.bak', false],
  ])('%s -> %s', (target, expected) => {
    expect(isScoreFileTarget(target)).toBe(expected);
  });
});

describe('ScoreProcessor.readLocation', () => {
  it('leaves other locations to other processors', async () => {
    const { processor, emit, emitted } = setup();
    const handled = await processor.readLocation(
      { type: 'url', target: `${REPO}/catalog-info.yaml` },
      false,
      emit,
      undefined,
      new InMemoryProcessorCache(),
    );
    expect(handled).toBe(false);
    expect(emitted).toEqual([]);
  });

  it('runs before the built-in url reader', () => {
    expect(setup().processor.getPriority()).toBeLessThan(20);
  });

  it('emits a Component per workload and each Resource once', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(`${REPO}/score.yaml`, API);
    const location = { type: 'url', target: `${REPO}/score.yaml` };
    await processor.readLocation(
      location,
      false,
      emit,
      undefined,
      new InMemoryProcessorCache(),
    );
    expect(errorsOf(emitted)).toEqual([]);
    const entities = entitiesOf(emitted);
    expect(
      entities.map(e => `${e.entity.kind}:${e.entity.metadata.name}`),
    ).toEqual([
      'Component:api',
      'Component:worker',
      'Resource:postgres-shop-db',
      'Resource:api-cache',
    ]);
    const api = entities[0].entity;
    expect(api.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
      dependsOn: [
        'component:default/web',
        'resource:default/api-cache',
        'resource:default/postgres-shop-db',
      ],
    });
    expect(api.metadata.tags).toEqual(['go', 'http']);
    expect(api.metadata.annotations?.['paved.dev/score-file']).toBe(
      `${REPO}/score.yaml`,
    );
    expect(
      JSON.parse(api.metadata.annotations!['paved.dev/score-workload']),
    ).toMatchObject({ name: 'api', ports: { http: { port: 8080 } } });
    // shared resources use a common key so several Score files may emit them
    expect(entities[2].locationKey).toBe(
      'score-resource:postgres.default#shop-db',
    );
    expect(entities[3].locationKey).toBe(`url:${REPO}/score.yaml`);
    expect(emitted).toContainEqual({
      type: 'refresh',
      key: `url:${REPO}/score.yaml`,
    });
  });

  it('emits every problem as an error and no entities for a broken file', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(
      `${REPO}/score.yaml`,
      API.replace('${resources.db.host}', '${resources.dbx.host}').replace(
        'image: ghcr.io/acme/worker:1.0.0',
        'image: 42\n    ports: 1',
      ),
    );
    await processor.readLocation(
      { type: 'url', target: `${REPO}/score.yaml` },
      false,
      emit,
      undefined,
      new InMemoryProcessorCache(),
    );
    expect(entitiesOf(emitted)).toEqual([]);
    expect(errorsOf(emitted)).toEqual([
      `${REPO}/score.yaml:11:16 containers.main.variables.DB_HOST: placeholder \${resources.dbx.host} names resource "dbx", which is not declared in resources (declared: db, cache, web)`,
      `${REPO}/score.yaml:31:12 containers.main.image: must be a string, got number 42 (quote it: "42")`,
      `${REPO}/score.yaml:32:5 containers.main.ports: unknown key "ports"; allowed keys are image, command, args, variables, files, volumes, before, resources, livenessProbe, readinessProbe`,
    ]);
    expect(emitted.every(r => r.type === 'error')).toBe(true);
  });

  it.each([
    [
      'a file over the size limit',
      'x: 1\n'.repeat(20000),
      /more than the limit of 65536 bytes/,
    ],
    [
      'an alias bomb',
      `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
`,
      /alias bomb/,
    ],
    [
      'a !!js/function tag',
      'apiVersion: !!js/function "function(){}"\n',
      /YAML tag !!js\/function is not allowed/,
    ],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}\n`, /nested/],
    ['bad YAML', 'apiVersion: [\n', /score.yaml:\d+:\d+/],
  ])(
    'reports %s as an error without throwing',
    async (_name, content, message) => {
      const { processor, reader, emit, emitted } = setup();
      reader.set(`${REPO}/score.yaml`, content);
      await expect(
        processor.readLocation(
          { type: 'url', target: `${REPO}/score.yaml` },
          false,
          emit,
          undefined,
          new InMemoryProcessorCache(),
        ),
      ).resolves.toBe(true);
      expect(entitiesOf(emitted)).toEqual([]);
      const errors = errorsOf(emitted);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(message);
    },
  );

  it('reports a missing file unless the location is optional', async () => {
    const { processor, emit, emitted } = setup();
    const location = { type: 'url', target: `${REPO}/score.yaml` };
    const cache = new InMemoryProcessorCache();
    await processor.readLocation(location, true, emit, undefined, cache);
    expect(emitted).toEqual([]);
    await processor.readLocation(location, false, emit, undefined, cache);
    expect(emitted).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({ name: 'NotFoundError' }),
      }),
    ]);
  });

  it('serves an unchanged file from the cache by ETag', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(`${REPO}/score.yaml`, API);
    const location = { type: 'url', target: `${REPO}/score.yaml` };
    const cache = new InMemoryProcessorCache();
    await processor.readLocation(location, false, emit, undefined, cache);
    const first = entitiesOf(emitted).map(e => e.entity);
    emitted.length = 0;
    const readsBefore = reader.reads;
    await processor.readLocation(location, false, emit, undefined, cache);
    expect(reader.reads).toBe(readsBefore + 1);
    expect(entitiesOf(emitted).map(e => e.entity)).toEqual(first);
  });

  it('reads file locations from disk', async () => {
    const dir = createMockDirectory();
    dir.setContent({ 'svc/api.score.yaml': API });
    const { processor, emit, emitted } = setup();
    await processor.readLocation(
      { type: 'file', target: dir.resolve('svc/api.score.yaml') },
      false,
      emit,
      undefined,
      new InMemoryProcessorCache(),
    );
    expect(errorsOf(emitted)).toEqual([]);
    expect(entitiesOf(emitted)).toHaveLength(4);
  });
});

describe('ScoreProcessor.preProcessEntity', () => {
  const component = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'api', annotations, tags: ['team-a'] },
    spec: {
      type: 'website',
      lifecycle: 'production',
      owner: 'group:default/web-team',
      dependsOn: ['component:default/legacy'],
    },
  });
  const location = {
    type: 'url',
    target: `${REPO}/services/api/catalog-info.yaml`,
  };

  it('enriches the Component from its Score workload', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(`${TREE}/services/api/score.yaml`, API);
    const result = await processor.preProcessEntity(
      component({ 'paved.dev/score-file': './score.yaml' }),
      location,
      emit,
      location,
      new InMemoryProcessorCache(),
    );
    expect(errorsOf(emitted)).toEqual([]);
    expect(result.spec).toEqual({
      type: 'website',
      lifecycle: 'production',
      owner: 'group:default/web-team',
      dependsOn: [
        'component:default/legacy',
        'component:default/web',
        'resource:default/api-cache',
        'resource:default/postgres-shop-db',
      ],
    });
    expect(result.metadata.tags).toEqual(['team-a', 'go', 'http']);
    expect(result.metadata.annotations?.['paved.dev/score-file']).toBe(
      `${TREE}/services/api/score.yaml`,
    );
    expect(
      entitiesOf(emitted).map(e => [
        e.entity.metadata.name,
        e.entity.spec?.owner,
      ]),
    ).toEqual([
      ['postgres-shop-db', 'group:default/web-team'],
      ['api-cache', 'group:default/web-team'],
    ]);
  });

  it('keeps the entity unchanged and reports the problems of a broken file', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(
      `${TREE}/services/api/score.yaml`,
      'apiVersion: score.dev/v1b1\nmetadata: {name: api}\n',
    );
    const input = component({ 'paved.dev/score-file': 'score.yaml' });
    const result = await processor.preProcessEntity(
      input,
      location,
      emit,
      location,
      new InMemoryProcessorCache(),
    );
    expect(result).toBe(input);
    expect(errorsOf(emitted)).toEqual([
      `${TREE}/services/api/score.yaml:1:1 missing required key "containers"`,
    ]);
  });

  it('reports a Score file without a workload of that name', async () => {
    const { processor, reader, emit, emitted } = setup();
    reader.set(
      `${TREE}/services/api/score.yaml`,
      API.replace('name: api', 'name: apx'),
    );
    await processor.preProcessEntity(
      component({ 'paved.dev/score-file': 'score.yaml' }),
      location,
      emit,
      location,
      new InMemoryProcessorCache(),
    );
    expect(errorsOf(emitted)).toEqual([
      `${TREE}/services/api/score.yaml: no workload named "api" (workloads: apx, worker); name the workload after the component`,
    ]);
  });

  it('ignores entities without the annotation', async () => {
    const { processor, emit, emitted, reader } = setup();
    const input = component({});
    expect(
      await processor.preProcessEntity(
        input,
        location,
        emit,
        location,
        new InMemoryProcessorCache(),
      ),
    ).toBe(input);
    expect(emitted).toEqual([]);
    expect(reader.reads).toBe(0);
  });
});

describe('ScoreProcessor.fromConfig', () => {
  it('reads defaults and limits from paved.score', async () => {
    const reader = new InMemoryUrlReader().set(
      `${REPO}/score.yaml`,
      API.replace('    paved.dev/owner: group:default/payments\n', ''),
    );
    const processor = ScoreProcessor.fromConfig(
      new ConfigReader({
        paved: {
          score: {
            defaults: { owner: 'group:default/platform', system: 'shop' },
            maxFileBytes: 100,
          },
        },
      }),
      { reader },
    );
    const emitted: CatalogProcessorResult[] = [];
    await processor.readLocation(
      { type: 'url', target: `${REPO}/score.yaml` },
      false,
      r => emitted.push(r),
      undefined,
      new InMemoryProcessorCache(),
    );
    expect(errorsOf(emitted)).toEqual([
      expect.stringMatching(/more than the limit of 100 bytes/),
    ]);
  });
});
