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
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntitySummaryService } from './EntitySummaryService';

const ENTITY = 'component:default/orders-service';

/*
 * Which parts a caller gets: each is decided on its own permission, in one
 * batched decision, and a refused part is never read. The whole route runs
 * against the real policy, catalog and PostgreSQL in permissionMatrix.test.ts.
 */
describe('EntitySummaryService', () => {
  const catalog = catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'orders-service', namespace: 'default' },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  });
  const reads = {
    dora: jest.fn(async () => ({ metrics: {} })),
    scores: jest.fn(async () => ({ automation: { score: 70 } })),
    deployments: jest.fn(async () => [{ id: 'd1' }]),
    incidents: jest.fn(async () => [
      { id: 'i1', status: 'open' },
      { id: 'i2', status: 'resolved' },
      { id: 'i3', status: 'open' },
    ]),
  };
  const service = (denied: string[]) => {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: denied.includes(r.permission.name)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        })) as any,
    });
    return {
      permissions,
      summaries: new EntitySummaryService({
        permissions,
        catalog,
        dora: { report: reads.dora } as any,
        adoption: { getEntityScores: reads.scores } as any,
        ledger: {
          listDeployments: reads.deployments,
          listIncidents: reads.incidents,
        } as any,
      }),
    };
  };
  beforeEach(() => Object.values(reads).forEach(read => read.mockClear()));

  it('answers every part the caller may read, with one decision', async () => {
    const { summaries, permissions } = service([]);
    const summary = await summaries.summary(
      ENTITY,
      mockCredentials.user('user:default/mia'),
    );
    expect(summary).toEqual({
      entityRef: ENTITY,
      dora: { metrics: {} },
      scores: { automation: { score: 70 } },
      deployments: { items: [{ id: 'd1' }] },
      incidents: {
        open: 2,
        items: [
          { id: 'i1', status: 'open' },
          { id: 'i3', status: 'open' },
        ],
      },
    });
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    expect(
      (permissions.authorize as jest.Mock).mock.calls[0][0].map(
        (r: any) => `${r.permission.name} ${r.resourceRef}`,
      ),
    ).toEqual([
      `paved.dora.read ${ENTITY}`,
      `paved.scores.read ${ENTITY}`,
      `paved.deployment.read ${ENTITY}`,
      `paved.incident.read ${ENTITY}`,
    ]);
    expect(reads.deployments).toHaveBeenCalledWith(
      { entityRef: ENTITY, limit: 5 },
      expect.anything(),
    );
  });

  it('marks refused parts and never reads them; the rest stands', async () => {
    const { summaries } = service(['paved.dora.read', 'paved.incident.read']);
    const summary = await summaries.summary(
      ENTITY,
      mockCredentials.user('user:default/mia'),
    );
    expect(summary.dora).toEqual({
      notAllowed: true,
      permission: 'paved.dora.read',
    });
    expect(summary.incidents).toEqual({
      notAllowed: true,
      permission: 'paved.incident.read',
    });
    expect(summary.scores).toEqual({ automation: { score: 70 } });
    expect(summary.deployments).toEqual({ items: [{ id: 'd1' }] });
    expect(reads.dora).not.toHaveBeenCalled();
    expect(reads.incidents).not.toHaveBeenCalled();
  });

  it('says so when the catalog does not have the entity', async () => {
    const { summaries } = service([]);
    await expect(
      summaries.summary(
        'component:default/nope',
        mockCredentials.user('user:default/mia'),
      ),
    ).rejects.toThrow('No entity component:default/nope in the catalog');
    expect(reads.scores).not.toHaveBeenCalled();
  });
});
