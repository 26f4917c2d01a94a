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
import { mockCredentials } from '@backstage/backend-test-utils';
import { apiRecordSource, genericWebhookSource } from '../../recordSources';
import { hmacSha256Hex } from '../signatures';
import { WebhookOptions } from '../types';
import { demoSource } from './demo';
import { deliverySources, webhookSources } from '.';

const options: WebhookOptions = { incidentLabels: ['incident'] };
const deployment = {
  externalId: 'shop-frontend/2026-12-04.0/production',
  entityRef: 'component:default/shop-frontend',
  environment: 'production',
  status: 'success',
  finishedAt: '2026-12-04T10:30:00Z',
  commitSha: 'abc123',
  kind: 'rollback',
};

describe('the demo delivery source', () => {
  it('stores records under the source demo, with their kind', () => {
    const { actions } = demoSource.interpret('deployment', deployment, options);
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({
      type: 'deployment',
      kind: 'rollback',
      deployment: { source: 'demo', environment: 'production' },
    });
    const incident = demoSource.interpret(
      'incident',
      {
        externalId: 'x/incident',
        entityRef: 'component:default/shop-frontend',
        title: '(demo) Down',
        openedAt: '2026-12-04T11:00:00Z',
        deployment: deployment.externalId,
      },
      options,
    );
    expect(incident.actions[0]).toMatchObject({
      type: 'incident',
      incident: { source: 'demo', status: 'open' },
      deploymentExternalId: deployment.externalId,
    });
  });

  it('refuses a body that names a source or an unknown kind', () => {
    expect(() =>
      demoSource.interpret(
        'deployment',
        { ...deployment, source: 'github' },
        options,
      ),
    ).toThrow(
      "A demo delivery is stored under the source 'demo'; leave source out",
    );
    expect(() =>
      demoSource.interpret(
        'deployment',
        { ...deployment, kind: 'plan' },
        options,
      ),
    ).toThrow("kind must be one of deploy, rollback, not 'plan'");
  });

  it('verifies the signature over the raw body', () => {
    const rawBody = Buffer.from(JSON.stringify(deployment));
    const headers = {
      'x-paved-signature-256': `sha256=${hmacSha256Hex('s3cret', rawBody)}`,
    };
    expect(() =>
      demoSource.verify({ headers, rawBody }, 's3cret'),
    ).not.toThrow();
    expect(() =>
      demoSource.verify({ headers, rawBody: Buffer.from('{}') }, 's3cret'),
    ).toThrow(/does not match the body/);
  });

  it('is processed but never served by the intake route, and no other writer may use it', () => {
    expect(deliverySources.demo).toBe(demoSource);
    expect(webhookSources).not.toHaveProperty('demo');
    expect(() =>
      apiRecordSource('demo', mockCredentials.user('user:default/alice')),
    ).toThrow(/written only by the demo data/);
    // Nor may a generic sender take it as its label.
    expect(() => genericWebhookSource('demo')).toThrow(
      /written only by the demo data/,
    );
  });
});
