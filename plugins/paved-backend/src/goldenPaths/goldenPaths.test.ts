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
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { pavedPlugin } from '../plugin';

const template = (name: string, version?: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name,
    ...(version
      ? { annotations: { 'paved.dev/template-version': version } }
      : {}),
  },
  spec: { type: 'service', steps: [] },
});

const component = (
  name: string,
  annotations: Record<string, string>,
  errors: string[] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team-a',
  },
  ...(errors.length
    ? {
        status: {
          items: errors.map(message => ({
            type: ENTITY_STATUS_CATALOG_PROCESSING_TYPE,
            level: 'error',
            message,
            error: { name: 'InputError', message },
          })),
        },
      }
    : {}),
});

const entities: Entity[] = [
  template('paved-typescript-service', '1.10.0'),
  template('paved-web-frontend', '1.0.0'),
  template('legacy-template'),
  component('current', { 'paved.dev/template': 'paved-web-frontend@1.0.0' }),
  component('outdated', {
    'paved.dev/template': 'paved-typescript-service@1.9.2',
  }),
  component('gone', { 'paved.dev/template': 'paved-python-service@2.0.0' }),
  component('garbled', { 'paved.dev/template': 'no-version' }),
  component(
    'broken-score',
    {
      'paved.dev/template': 'paved-web-frontend@1.0.0',
      'paved.dev/score-file': '/repos/broken-score/score.yaml',
    },
    [
      'InputError: /repos/broken-score/score.yaml:7:9 containers.main.variables.DB: unknown resource "db"',
      'Some other processing error',
    ],
  ),
  component('hand-written', {}),
];

async function start(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.permissions.factory({ result }),
    ],
  });
  return server;
}

describe('GET /api/paved/v1/golden-paths/drift', () => {
  it('lists components whose template moved on, vanished, or whose Score file broke', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/paved/v1/golden-paths/drift')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      templates: [
        {
          entityRef: 'template:default/paved-typescript-service',
          name: 'paved-typescript-service',
          version: '1.10.0',
        },
        {
          entityRef: 'template:default/paved-web-frontend',
          name: 'paved-web-frontend',
          version: '1.0.0',
        },
      ],
      components: 5,
      drifted: [
        {
          entityRef: 'component:default/broken-score',
          owner: 'group:default/team-a',
          template: 'paved-web-frontend',
          templateVersion: '1.0.0',
          currentVersion: '1.0.0',
          reasons: [
            {
              code: 'score-invalid',
              message:
                'the Score file no longer validates: /repos/broken-score/score.yaml:7:9 containers.main.variables.DB: unknown resource "db"',
            },
          ],
        },
        {
          entityRef: 'component:default/garbled',
          owner: 'group:default/team-a',
          template: 'no-version',
          templateVersion: '',
          reasons: [
            {
              code: 'template-missing',
              message:
                'paved.dev/template is "no-version", not <template name>@<version>',
            },
          ],
        },
        {
          entityRef: 'component:default/gone',
          owner: 'group:default/team-a',
          template: 'paved-python-service',
          templateVersion: '2.0.0',
          reasons: [
            {
              code: 'template-missing',
              message:
                'created from paved-python-service@2.0.0; that template is no longer in the catalog',
            },
          ],
        },
        {
          entityRef: 'component:default/outdated',
          owner: 'group:default/team-a',
          template: 'paved-typescript-service',
          templateVersion: '1.9.2',
          currentVersion: '1.10.0',
          reasons: [
            {
              code: 'template-outdated',
              message:
                'created from paved-typescript-service@1.9.2; the template is at 1.10.0',
            },
          ],
        },
      ],
    });
  });

  it('needs credentials and the drift permission', async () => {
    const server = await start(AuthorizeResult.DENY);
    const anonymous = await request(server)
      .get('/api/paved/v1/golden-paths/drift')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const denied = await request(server)
      .get('/api/paved/v1/golden-paths/drift')
      .set('Authorization', mockCredentials.user.header());
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'Not allowed to read the golden-path drift report',
    );
  });
});
