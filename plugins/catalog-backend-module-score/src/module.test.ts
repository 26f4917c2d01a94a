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
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { catalogModuleScore } from './module';

jest.setTimeout(60_000);

const demoDir = resolve(__dirname, '../../../examples/score');
const ORDERS = readFileSync(join(demoDir, 'orders.score.yaml'), 'utf8');
const CATALOG_API = readFileSync(
  join(demoDir, 'catalog-api.score.yaml'),
  'utf8',
);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

// The real catalog backend with this module, reading Score files from disk,
// shows what users see: entities appear, and a broken edit keeps them.
describe('catalog with the Score module', () => {
  it('ingests Score files and keeps the last good entities when a file breaks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-score-catalog-'));
    const orders = join(dir, 'orders.score.yaml');
    writeFileSync(orders, ORDERS);
    writeFileSync(join(dir, 'catalog-api.score.yaml'), CATALOG_API);
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: {name: shop}
spec:
  targets: [./orders.score.yaml, ./catalog-api.score.yaml]
`,
    );

    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleScore,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['Component', 'Resource', 'Location'] }],
              locations: [
                { type: 'file', target: join(dir, 'catalog-info.yaml') },
              ],
            },
          },
        }),
      ],
    });

    const get = async (path: string) =>
      (await request(server).get(`/api/catalog${path}`)).body;
    const waitFor = async <T>(fn: () => Promise<T | undefined>) => {
      for (let i = 0; i < 100; i++) {
        const value = await fn();
        if (value) return value;
        await sleep(300);
      }
      throw new Error('timed out waiting for the catalog');
    };

    const component = await waitFor(async () => {
      const e = await get('/entities/by-name/component/default/orders-service');
      return e?.metadata ? e : undefined;
    });
    expect(component.spec.dependsOn).toEqual(
      expect.arrayContaining([
        'component:default/catalog-api',
        'resource:default/postgres-shop-db',
      ]),
    );
    const db = await get('/entities/by-name/resource/default/postgres-shop-db');
    expect(db.spec.type).toBe('postgres');

    // Break the file: the catalog reports the problem on the location and
    // still serves the last good Component.
    writeFileSync(orders, ORDERS.replace('image: ghcr.io', 'image: [ghcr.io'));
    const errors = await waitFor(async () => {
      const { items } = await get(
        '/entities/by-query?filter=kind=location&fields=metadata.name,status',
      );
      const messages = (items as any[])
        .flatMap(e => e.status?.items ?? [])
        .map((s: any) => s.error?.message ?? s.message)
        .filter((m: string) => m.includes('orders.score.yaml'));
      return messages.length ? messages : undefined;
    });
    expect(errors.join('\n')).toMatch(/orders\.score\.yaml:\d+:\d+/);

    await sleep(3000); // several processing rounds with the broken file
    const still = await get(
      '/entities/by-name/component/default/orders-service',
    );
    expect(still.metadata.name).toBe('orders-service');
    expect(still.spec.dependsOn).toEqual(component.spec.dependsOn);
  });
});
