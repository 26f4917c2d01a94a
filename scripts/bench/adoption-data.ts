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

/*
 * Generated data of the adoption benchmark (scripts/bench/adoption.ts):
 * a catalog of Components and Templates, repositories on disk, deployment
 * records, page views and scaffolder tasks. Deterministic: the same count
 * gives the same data.
 */

import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const DAY = 86_400_000;
const TEMPLATES = [
  [
    'paved-typescript-service',
    '1.2.0',
    'TypeScript HTTP service with PostgreSQL',
  ],
  ['paved-web-frontend', '1.0.0', 'Web frontend (React + Vite)'],
  ['paved-queue-worker', '2.0.0', 'Background worker consuming an AMQP queue'],
] as const;
const REPOS = 200;

/** A small deterministic pseudo-random generator (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const componentName = (i: number) => `svc-${String(i).padStart(5, '0')}`;

/** 200 repositories: with CI and tests, CI without tests, or no CI. */
export async function createRepositories(root: string): Promise<string[]> {
  const dirs: string[] = [];
  for (let r = 0; r < REPOS; r++) {
    const dir = join(root, `repo-${String(r).padStart(3, '0')}`);
    await fs.mkdir(join(dir, '.git'), { recursive: true });
    if (r % 10 < 7) {
      await fs.mkdir(join(dir, '.github/workflows'), { recursive: true });
      await fs.writeFile(
        join(dir, '.github/workflows/ci.yaml'),
        `jobs:\n  build:\n    steps:\n      - run: npm ci\n${
          r % 10 < 5 ? '      - run: npm test\n' : ''
        }      - run: docker build .\n`,
      );
    }
    dirs.push(dir);
  }
  return dirs;
}

/** The catalog: templates and `count` components. */
export function generateCatalog(count: number, repos: string[]): Entity[] {
  const rnd = random(42);
  const entities: Entity[] = TEMPLATES.map(([name, version, title]) => ({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      title,
      annotations: { 'paved.dev/template-version': version },
    },
    spec: { type: 'service' },
  }));
  for (let i = 0; i < count; i++) {
    const name = componentName(i);
    const annotations: Record<string, string> = {
      'backstage.io/managed-by-location': `file:${
        repos[i % repos.length]
      }/services/${name}/catalog-info.yaml`,
    };
    const relations: Array<{ type: string; targetRef: string }> = [];
    if (rnd() < 0.6) {
      const containers = 1 + Math.floor(rnd() * 3);
      const resources = Math.floor(rnd() * 5);
      annotations['paved.dev/score-file'] = `file:${
        repos[i % repos.length]
      }/services/${name}/score.yaml`;
      const summary = {
        v: 1,
        name,
        containers: Object.fromEntries(
          Array.from({ length: containers }, (_, c) => [
            `c${c}`,
            {
              image: `registry.example.com/${name}:${c}`,
              variables: Object.fromEntries(
                Array.from({ length: 2 + Math.floor(rnd() * 18) }, (_, v) => [
                  `VAR_${v}`,
                  'value',
                ]),
              ),
            },
          ]),
        ),
        ports: {},
        resources: Object.fromEntries(
          Array.from({ length: resources }, (_, r) => [
            `res${r}`,
            { type: 'postgres', entityRef: `resource:default/${name}-res${r}` },
          ]),
        ),
      };
      annotations['paved.dev/score-workload'] = JSON.stringify(summary);
      for (let r = 0; r < resources; r++) {
        relations.push({
          type: 'dependsOn',
          targetRef: `resource:default/${name}-res${r}`,
        });
      }
    }
    if (rnd() < 0.35) {
      const [template, version] = TEMPLATES[i % TEMPLATES.length];
      annotations['paved.dev/template'] = `${template}@${
        rnd() < 0.7 ? version : '0.9.0'
      }`;
      if (rnd() < 0.2) {
        annotations['paved.dev/golden-path-overrides'] =
          'containers.main.resources.limits.memory';
      }
    }
    const dependsOn = rnd() < 0.3 ? ['resource:default/shared-legacy-db'] : [];
    for (let d = 0; d < Math.floor(rnd() * 4); d++) {
      relations.push({
        type: 'dependsOn',
        targetRef: `component:default/${componentName(
          Math.floor(rnd() * count),
        )}`,
      });
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        title: `Service ${i}`,
        annotations,
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${i % 50}`,
        system: `system:default/system-${i % 100}`,
        ...(dependsOn.length ? { dependsOn } : {}),
      },
      relations,
    });
  }
  return entities;
}

/** Deployments of 60 % of the components over the last 90 days. */
export async function seedLedger(db: Knex, count: number, now: Date) {
  const rnd = random(7);
  const sources = [
    'orchestrator:humanitec',
    'github',
    'github-actions',
    'api',
    'cli',
  ];
  const envs = ['development', 'staging', 'production'];
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    if (rnd() >= 0.6) continue;
    const n = 1 + Math.floor(rnd() * 8);
    for (let d = 0; d < n; d++) {
      const started = new Date(now.getTime() - rnd() * 90 * DAY);
      const env = envs[Math.floor(rnd() * envs.length)];
      const source = sources[Math.floor(rnd() * sources.length)];
      const id = `${i}-${d}`.padStart(36, '0');
      rows.push({
        id,
        source,
        external_id: id,
        entity_ref: `component:default/${componentName(i)}`,
        environment: env,
        is_production: env === 'production',
        status: rnd() < 0.9 ? 'success' : 'failure',
        started_at: started,
        finished_at: new Date(started.getTime() + 120_000),
        url:
          source === 'api' && rnd() < 0.5 ? 'https://ci.example.com/run' : null,
        source_updated_at: started,
        created_at: started,
        updated_at: started,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 300) {
    await db('paved_deployments').insert(rows.slice(i, i + 300));
  }
  return rows.length;
}

/** Page views of 800 people over the last 30 days. */
export async function seedPageViews(db: Knex, now: Date) {
  const rnd = random(11);
  const rows: Record<string, unknown>[] = [];
  for (let u = 0; u < 800; u++) {
    for (let d = 0; d < 30; d++) {
      if (rnd() > 0.3) continue;
      rows.push({
        user_ref: `user:default/person-${u}`,
        day: new Date(now.getTime() - d * DAY).toISOString().slice(0, 10),
        plugin_id: ['catalog', 'paved', 'scaffolder'][u % 3],
        views: 1 + Math.floor(rnd() * 9),
        demo: false,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 300) {
    await db('paved_analytics_activity').insert(rows.slice(i, i + 300));
  }
  return rows.length;
}

/** 2,000 scaffolder tasks over 90 days, newest first, as its API returns them. */
export function generateTasks(count: number, now: Date) {
  const rnd = random(3);
  return Array.from({ length: 2000 }, (_, t) => {
    const [template] = TEMPLATES[t % TEMPLATES.length];
    const roll = rnd();
    return {
      id: `task-${t}`,
      spec: {
        templateInfo: { entityRef: `template:default/${template}` },
        parameters: { name: componentName(Math.floor(rnd() * count)) },
      },
      status: roll < 0.9 ? 'completed' : roll < 0.97 ? 'failed' : 'cancelled',
      createdAt: new Date(now.getTime() - (t / 2000) * 89 * DAY).toISOString(),
      createdBy: 'user:default/person-1',
    };
  });
}
