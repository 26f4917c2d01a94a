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
  createMockDirectory,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { eventsServiceRef, EventsService } from '@backstage/plugin-events-node';
import { mockServices } from '@backstage/backend-test-utils';
import catalogModuleScore from '@paved/plugin-catalog-backend-module-score';
import { LOCAL_REPOSITORY_PUBLISHED_TOPIC } from '@paved/plugin-paved-node';
import request from 'supertest';
import { catalogModuleLocalRepositories } from './module';

const catalogInfo = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    paved.dev/score-file: ./score.yaml
    paved.dev/template: paved-typescript-service@1.0.0
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-a
`;
const score = (name: string) => `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: .
    variables:
      PGHOST: \${resources.db.host}
resources:
  db:
    type: postgres
`;

describe('catalogModuleLocalRepositories', () => {
  const repos = createMockDirectory();
  let events: EventsService | undefined;
  const captureEvents = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-capture-events',
    register(reg) {
      reg.registerInit({
        deps: { e: eventsServiceRef },
        async init({ e }) {
          events = e;
        },
      });
    },
  });

  it('ingests published repositories, with their Score workload, at start and on announcement', async () => {
    repos.setContent({
      'at-start': {
        'catalog-info.yaml': catalogInfo('at-start'),
        'score.yaml': score('at-start'),
      },
      'no-catalog-info': { 'README.md': 'not a component' },
    });
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScore,
        catalogModuleLocalRepositories,
        captureEvents,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
            paved: { scaffolder: { localPublisher: { baseDir: repos.path } } },
          },
        }),
      ],
    });
    const get = (ref: string) =>
      request(backend.server)
        .get(`/api/catalog/entities/by-name/${ref}`)
        .set('Authorization', mockCredentials.user.header());
    const waitFor = async (ref: string) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const res = await get(ref);
        if (
          res.status === 200 &&
          res.body.metadata.annotations['paved.dev/score-workload']
        ) {
          return res.body;
        }
        if (Date.now() > deadline) {
          throw new Error(`${ref} did not appear: ${res.status}`);
        }
        await new Promise(r => setTimeout(r, 200));
      }
    };

    try {
      // Found by the first scan; the Score file next to it was read.
      const first = await waitFor('component/default/at-start');
      expect(first.metadata.annotations['paved.dev/score-file']).toBe(
        repos.resolve('at-start/score.yaml'),
      );
      expect(first.relations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            type: 'dependsOn',
            targetRef: expect.stringMatching(/^resource:default\//),
          }),
        ]),
      );

      // Published later and announced: in the catalog long before the next
      // periodic scan (a minute).
      repos.addContent({
        later: {
          'catalog-info.yaml': catalogInfo('later'),
          'score.yaml': score('later'),
        },
      });
      const started = Date.now();
      await events!.publish({
        topic: LOCAL_REPOSITORY_PUBLISHED_TOPIC,
        eventPayload: {
          repoPath: repos.resolve('later'),
          catalogInfoPath: repos.resolve('later/catalog-info.yaml'),
        },
      });
      await waitFor('component/default/later');
      expect(Date.now() - started).toBeLessThan(30_000);

      // Only repositories with a catalog-info.yaml became locations.
      const locations = await request(backend.server)
        .get('/api/catalog/entities?filter=kind=location')
        .set('Authorization', mockCredentials.user.header());
      expect(locations.body.map((e: any) => e.spec.target).sort()).toEqual([
        repos.resolve('at-start/catalog-info.yaml'),
        repos.resolve('later/catalog-info.yaml'),
      ]);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
