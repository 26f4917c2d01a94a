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
import { AddressInfo } from 'node:net';
import { catalogModuleRoadmap } from './module';

jest.setTimeout(60_000);

const EXAMPLE = readFileSync(
  resolve(__dirname, '../../../examples/roadmap/roadmap.yaml'),
  'utf8',
);
const BROKEN = `---
apiVersion: paved.dev/v1alpha1
kind: RoadmapItem
metadata: {name: broken-item, title: Broken}
spec:
  owner: platform-team
  problem: Names a metric Paved does not have
  horizon: now
  outcome: {metric: velocity, target: 3}
`;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

// The real catalog with this module: the demo roadmap lands, and a broken
// item in the same file stays out without taking the others with it.
describe('catalog with the roadmap module', () => {
  it('ingests the example roadmap and refuses only the invalid item', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paved-roadmap-catalog-'));
    const file = join(dir, 'roadmap.yaml');
    writeFileSync(file, `${EXAMPLE}\n${BROKEN}`);
    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleRoadmap,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              processingInterval: { seconds: 1 },
              rules: [{ allow: ['RoadmapItem'] }],
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const items = async () => {
      const response = await fetch(
        `http://localhost:${port}/api/catalog/entities/by-query?filter=kind=roadmapitem&fields=metadata.name,spec.horizon,relations`,
      );
      return (await response.json()).items as any[];
    };
    let found: any[] = [];
    for (let i = 0; i < 100 && found.length < 8; i++) {
      found = await items();
      if (found.length < 8) await sleep(300);
    }
    expect(found.map(e => e.metadata.name).sort()).toEqual([
      'checkout-slo-alerts',
      'cost-visibility',
      'deploying-through-paved',
      'golden-path-adoption',
      'preview-environments',
      'score-everywhere',
      'self-service-databases',
      'template-onboarding',
    ]);
    expect(found[0].relations).toContainEqual(
      expect.objectContaining({
        type: 'ownedBy',
        targetRef: 'group:default/platform-team',
      }),
    );
    await sleep(2000); // more processing rounds: the broken item stays out
    expect((await items()).map(e => e.metadata.name)).not.toContain(
      'broken-item',
    );
  });
});
