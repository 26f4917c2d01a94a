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
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

/** "Now" of the fixture: the ledger rows are placed relative to it. */
export const NOW = new Date('2026-11-28T12:00:00.000Z');
const DAY = 86_400_000;
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

/** Three repositories on disk: CI with tests, CI without tests, no CI. */
export async function createFixtureRepositories(root: string) {
  const repo = async (name: string, files: Record<string, string>) => {
    const dir = join(root, name);
    await fs.mkdir(join(dir, '.git'), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
      await fs.mkdir(join(dir, path, '..'), { recursive: true });
      await fs.writeFile(join(dir, path), text);
    }
    return dir;
  };
  return {
    tested: await repo('tested', {
      'catalog-info.yaml': 'kind: Component',
      '.github/workflows/ci.yaml': [
        'name: ci',
        'on: [push]',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      # npm test is below, not here',
        '      - run: npm install',
        '      - run: npm test',
      ].join('\n'),
      'slos.yaml': [
        'objectives:',
        '  - name: deployments-succeed',
        '    type: deployment-success-rate',
        '    target: 0.9',
      ].join('\n'),
    }),
    untested: await repo('untested', {
      'services/cart/catalog-info.yaml': 'kind: Component',
      '.gitlab-ci.yml': 'build:\n  script:\n    - docker build .\n',
    }),
    none: await repo('none', { 'catalog-info.yaml': 'kind: Component' }),
  };
}

type Repos = Awaited<ReturnType<typeof createFixtureRepositories>>;

const workload = (
  containers: Array<Record<string, string>>,
  resources: Record<string, string>,
) =>
  JSON.stringify({
    v: 1,
    name: 'w',
    containers: Object.fromEntries(
      containers.map((variables, i) => [
        `c${i}`,
        { image: 'example/image:1', variables },
      ]),
    ),
    ports: {},
    resources: Object.fromEntries(
      Object.entries(resources).map(([name, entityRef]) => [
        name,
        { type: 'postgres', entityRef },
      ]),
    ),
  });

const component = (
  name: string,
  annotations: Record<string, string>,
  extra: Partial<Entity> & { status?: unknown } = {},
): Entity =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations, ...extra.metadata },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/shop',
      ...extra.spec,
    },
    ...(extra.relations ? { relations: extra.relations } : {}),
    ...(extra.status ? { status: extra.status } : {}),
  } as Entity);

/**
 * The fixture catalog: two golden-path templates and six components, one
 * for each situation the funnel and the checks distinguish.
 */
export function fixtureCatalog(repos: Repos): Entity[] {
  const file = (dir: string, path = 'catalog-info.yaml') =>
    `file:${join(dir, path)}`;
  return [
    {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: 'paved-typescript-service',
        namespace: 'default',
        title: 'TypeScript service',
        annotations: { 'paved.dev/template-version': '1.2.0' },
      },
      spec: {},
    },
    {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: {
        name: 'paved-web-frontend',
        namespace: 'default',
        annotations: { 'paved.dev/template-version': '1.0.0' },
      },
      spec: {},
    },
    // On the golden path in every respect.
    component(
      'checkout',
      {
        'backstage.io/managed-by-location': file(repos.tested),
        'paved.dev/score-file': 'file:///x/score.yaml',
        'paved.dev/score-workload': workload([{ A: '1', B: '2', C: '3' }], {
          db: 'resource:default/checkout-db',
          cache: 'resource:default/cache',
        }),
        'paved.dev/template': 'paved-typescript-service@1.2.0',
        'paved.dev/slos': './slos.yaml',
      },
      {
        relations: [
          { type: 'dependsOn', targetRef: 'resource:default/checkout-db' },
          { type: 'dependsOn', targetRef: 'resource:default/cache' },
        ],
      },
    ),
    // Outdated template, an override, CI without tests, deployed by hand.
    component('cart', {
      'backstage.io/managed-by-location': file(
        repos.untested,
        'services/cart/catalog-info.yaml',
      ),
      'paved.dev/score-file': 'file:///x/score.yaml',
      'paved.dev/score-workload': workload([{ A: '1' }, { B: '2' }], {}),
      'paved.dev/template': 'paved-typescript-service@1.0.0',
      'paved.dev/golden-path-overrides':
        'containers.main.resources.limits.memory',
    }),
    // Off the path: no Score, no template, no CI, a hand-declared database.
    component(
      'legacy',
      { 'backstage.io/managed-by-location': file(repos.none) },
      {
        spec: { dependsOn: ['resource:legacy-db', 'component:checkout'] },
      },
    ),
    // Current golden path, but from a location Paved cannot read and last
    // deployed 40 days ago.
    component('web', {
      'paved.dev/score-file': 'file:///x/score.yaml',
      'paved.dev/template': 'paved-web-frontend@1.0.0',
    }),
    // A template that is gone and a Score file the catalog complains about.
    component(
      'broken',
      {
        'backstage.io/managed-by-location': file(repos.tested),
        'paved.dev/score-file': 'file:///x/broken.score.yaml',
        'paved.dev/template': 'paved-gone@1.0.0',
      },
      {
        status: {
          items: [
            {
              type: 'backstage.io/catalog-processing',
              level: 'error',
              message:
                'InputError: file:///x/broken.score.yaml: containers is required',
              error: { name: 'InputError', message: 'containers is required' },
            },
          ],
        },
      },
    ),
    // Created by a recorded scaffolder run (gp-api-12415) and deployed to
    // production a day later.
    component('gp-api-12415', {
      'backstage.io/managed-by-location': file(repos.tested),
      'paved.dev/score-file': 'file:///x/score.yaml',
      'paved.dev/template': 'paved-typescript-service@1.0.0',
    }),
  ];
}

/** Inserts a deployment record as the ledger stores it. */
export async function insertDeployment(
  db: Knex,
  row: {
    entityRef: string;
    source: string;
    environment: string;
    production?: boolean;
    status?: string;
    startedAt: Date;
    finishedAt?: Date;
    url?: string;
    pipelineRun?: string;
  },
): Promise<string> {
  const id = randomUUID();
  await db('paved_deployments').insert({
    id,
    source: row.source,
    external_id: id,
    entity_ref: row.entityRef,
    environment: row.environment,
    is_production: row.production ?? false,
    status: row.status ?? 'success',
    started_at: row.startedAt,
    finished_at: row.finishedAt ?? new Date(row.startedAt.getTime() + 60_000),
    url: row.url ?? null,
    pipeline_run: row.pipelineRun ?? null,
    source_updated_at: row.startedAt,
    created_at: row.startedAt,
    updated_at: row.startedAt,
  });
  return id;
}

/** The fixture ledger, relative to {@link NOW} (or another "now"). */
export async function insertFixtureLedger(db: Knex, now: Date = NOW) {
  const c = (name: string) => `component:default/${name}`;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  // checkout: orchestrator to development, CI to production.
  for (const d of [2, 5, 9]) {
    await insertDeployment(db, {
      entityRef: c('checkout'),
      source: 'orchestrator:humanitec',
      environment: 'development',
      startedAt: ago(d),
    });
  }
  for (const d of [3, 8]) {
    await insertDeployment(db, {
      entityRef: c('checkout'),
      source: 'github',
      environment: 'production',
      production: true,
      startedAt: ago(d),
    });
  }
  // cart: two by hand (API, no run link), one from CI with a run URL.
  await insertDeployment(db, {
    entityRef: c('cart'),
    source: 'api',
    environment: 'staging',
    startedAt: ago(4),
  });
  await insertDeployment(db, {
    entityRef: c('cart'),
    source: 'cli',
    environment: 'production',
    production: true,
    status: 'failure',
    startedAt: ago(6),
  });
  await insertDeployment(db, {
    entityRef: c('cart'),
    source: 'api',
    environment: 'production',
    production: true,
    url: 'https://ci.example.com/runs/17',
    startedAt: ago(7),
  });
  // web: only 40 days ago.
  await insertDeployment(db, {
    entityRef: c('web'),
    source: 'orchestrator:humanitec',
    environment: 'development',
    startedAt: ago(40),
  });
  // gp-api-12415: first production deployment a day after its run
  // (2026-11-25T13:13:35Z in the recorded scaffolder payload).
  await insertDeployment(db, {
    entityRef: c('gp-api-12415'),
    source: 'github',
    environment: 'production',
    production: true,
    startedAt: new Date('2026-11-26T13:12:35.000Z'),
    finishedAt: new Date('2026-11-26T13:13:35.000Z'),
  });
}
