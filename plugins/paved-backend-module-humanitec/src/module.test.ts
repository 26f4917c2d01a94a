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
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test runs the module inside the real Paved backend
import pavedBackend from '@paved/plugin-paved-backend';
import { setupServer } from 'msw/node';
import request from 'supertest';
import {
  API_URL,
  mockOperation,
  poError,
  violations,
} from './client/__testUtils__/mswPlatformOrchestrator';
import {
  sampleDeploymentSummary,
  sampleEnvironment,
} from './client/__testUtils__/samples';
import pavedModuleHumanitec from '.';

const TOKEN = 'hum-e2e-token';
// A published age test identity (FiloSottile/age cmd/age/testdata/x25519.txt).
const LOGS_IDENTITY =
  'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

// The real Paved backend plugin with this module, the orchestrator mocked
// from the vendored spec: the scheduled sync fills the ledger and the REST
// API shows the deployments on the entity that claims the project through
// the older Humanitec plugin's annotation.
describe('paved backend module humanitec', () => {
  it('registers the provider and syncs deployments into the ledger', async () => {
    const authHeaders: string[] = [];
    server.use(
      mockOperation('listDeployments', ({ headers }) => {
        authHeaders.push(headers.get('authorization')!);
        return {
          status: 200,
          body: {
            items: [
              sampleDeploymentSummary('0b7f5f7e-2c4e-4d7b-9d8e-000000000002', {
                env_id: 'production',
                status: 'succeeded',
                created_at: new Date(Date.now() - 3600_000).toISOString(),
                completed_at: new Date(Date.now() - 3500_000).toISOString(),
              }),
              sampleDeploymentSummary('0b7f5f7e-2c4e-4d7b-9d8e-000000000001', {
                created_at: new Date(Date.now() - 7200_000).toISOString(),
              }),
            ],
          },
        };
      }),
      mockOperation('listEnvironments', () => ({
        status: 200,
        body: {
          items: [
            sampleEnvironment('development'),
            sampleEnvironment('production', 'production'),
          ],
        },
      })),
    );
    const knex = await databases.init('SQLITE_3');
    // The mock scheduler instance runs tasks on demand (typed as the service).
    const scheduler = mockServices.scheduler() as unknown as {
      factory(options?: { skipTaskRunOnStartup?: boolean }): any;
      triggerTask(id: string): Promise<void>;
    };
    // Backstage's InMemoryCatalogClient cannot match annotation filters on
    // keys with capitals (humanitec.com/appId), which the real catalog can,
    // so this catalog answers with the entity and records the query.
    const checkout = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        namespace: 'default',
        annotations: {
          'humanitec.com/orgId': 'acme',
          'humanitec.com/appId': 'checkout',
        },
      },
      spec: { type: 'service', owner: 'group:default/team-a' },
    };
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn(async () => ({ items: [checkout] })),
      getEntityByRef: jest.fn(async () => checkout),
    });
    const { server: backend } = await startTestBackend({
      features: [
        pavedBackend,
        pavedModuleHumanitec,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        catalog.factory,
        mockServices.rootConfig.factory({
          data: {
            paved: {
              orchestrators: {
                humanitec: {
                  orgId: 'acme',
                  token: TOKEN,
                  apiUrl: API_URL,
                  logsIdentity: LOGS_IDENTITY,
                },
              },
            },
          },
        }),
      ],
    });

    const info = await request(backend)
      .get('/api/paved/v1/info')
      .set('Authorization', mockCredentials.user.header());
    expect(info.body.providers).toEqual([
      {
        id: 'humanitec',
        title: 'Humanitec Platform Orchestrator (acme)',
        type: 'platform-orchestrator',
        sync: {
          lastRunAt: null,
          deployments: null,
          error: null,
          failingItems: 0,
        },
      },
    ]);
    expect(JSON.stringify(info.body)).not.toContain(TOKEN);
    expect(JSON.stringify(info.body)).not.toContain(LOGS_IDENTITY);

    await scheduler.triggerTask('paved-orchestrator-sync');
    expect(catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: expect.arrayContaining([
          { 'metadata.annotations.humanitec.com/appId': expect.any(Symbol) },
        ]),
      }),
      expect.anything(),
    );
    expect(authHeaders).toEqual([`Bearer ${TOKEN}`]);
    expect(violations.splice(0)).toEqual([]);
    expect(await knex('paved_orchestrator_sync').first()).toMatchObject({
      provider_id: 'humanitec',
      last_error: null,
      last_run_count: 2,
    });
    // The Platform page reads the same run through the info route.
    const after = await request(backend)
      .get('/api/paved/v1/info')
      .set('Authorization', mockCredentials.user.header());
    expect(after.body.providers[0].sync).toEqual({
      lastRunAt: expect.any(String),
      deployments: 2,
      error: null,
      failingItems: 0,
    });

    const list = await request(backend)
      .get('/api/paved/v1/deployments')
      .query({ entity: 'component:default/checkout' })
      .set('Authorization', mockCredentials.user.header());
    expect(list.status).toBe(200);
    expect(
      list.body.items.map((d: any) => [
        d.source,
        d.environment,
        d.production,
        d.status,
      ]),
    ).toEqual([
      ['orchestrator:humanitec', 'production', true, 'success'],
      ['orchestrator:humanitec', 'development', false, 'in_progress'],
    ]);
  });

  it('does not start with an invalid logsIdentity, naming the key and not the value', async () => {
    const wrong = `${LOGS_IDENTITY.slice(0, -1)}Q`;
    const error = await startTestBackend({
      features: [
        pavedBackend,
        pavedModuleHumanitec,
        mockServices.rootConfig.factory({
          data: {
            paved: {
              orchestrators: {
                humanitec: {
                  orgId: 'acme',
                  token: TOKEN,
                  apiUrl: API_URL,
                  logsIdentity: wrong,
                },
              },
            },
          },
        }),
      ],
    }).catch(e => e);
    expect(String(error)).toMatch(
      /Invalid paved\.orchestrators\.humanitec\.logsIdentity: it is not valid bech32/,
    );
    expect(`${error.stack}${String(error.cause?.stack)}`).not.toContain(
      wrong.slice(16),
    );
  });

  it('syncs plan-only and destroy runs labelled, goes on past a failing deployment, and answers an orchestrator 401 with 502', async () => {
    const now = Date.now();
    const at = (hoursAgo: number) =>
      new Date(now - hoursAgo * 3600_000).toISOString();
    const id = (n: number) => `0b7f5f7e-2c4e-4d7b-9d8e-0000000000${n}0`;
    let environments: 'ok' | 'unauthorised' = 'ok';
    server.use(
      mockOperation('listDeployments', () => ({
        status: 200,
        body: {
          items: [
            sampleDeploymentSummary(id(1), {
              env_id: 'production',
              status: 'succeeded',
              created_at: at(3),
              completed_at: at(2.9),
            }),
            sampleDeploymentSummary(id(2), {
              env_id: 'production',
              mode: 'deploy',
              plan_only: true,
              status: 'succeeded',
              created_at: at(2),
              completed_at: at(1.9),
            }),
            sampleDeploymentSummary(id(3), {
              env_id: 'production',
              mode: 'destroy',
              status: 'succeeded',
              created_at: at(1),
              completed_at: at(0.9),
            }),
          ],
        },
      })),
      mockOperation('listEnvironments', () =>
        environments === 'ok'
          ? {
              status: 200,
              body: {
                items: [sampleEnvironment('production', 'production')],
              },
            }
          : { status: 401, body: poError('token expired') },
      ),
      // A deployment still in flight in the ledger cannot be read (422).
      mockOperation('getDeployment', () => ({
        status: 422,
        body: poError('deployment is being archived'),
      })),
    );
    const knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler() as unknown as {
      factory(options?: { skipTaskRunOnStartup?: boolean }): any;
      triggerTask(id: string): Promise<void>;
    };
    const { server: backend } = await startTestBackend({
      features: [
        pavedBackend,
        pavedModuleHumanitec,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'checkout',
                namespace: 'default',
                annotations: { 'paved.dev/orchestrator-project': 'checkout' },
              },
              spec: { type: 'service', owner: 'group:default/team-a' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            paved: {
              orchestrators: {
                humanitec: { orgId: 'acme', token: TOKEN, apiUrl: API_URL },
              },
            },
          },
        }),
      ],
    });
    const stale = id(9);
    await knex('paved_deployments').insert({
      id: 'ledger-stale',
      source: 'orchestrator:humanitec',
      external_id: stale,
      environment: 'production',
      is_production: true,
      status: 'in_progress',
      started_at: new Date(now - 60 * 24 * 3600_000),
      source_updated_at: new Date(now - 60 * 24 * 3600_000),
      created_at: new Date(),
      updated_at: new Date(),
    });

    await scheduler.triggerTask('paved-orchestrator-sync');
    expect(violations.splice(0)).toEqual([]);
    const rows = await knex('paved_deployments')
      .orderBy('external_id')
      .select('external_id', 'kind', 'status');
    expect(rows.map(r => [r.external_id.slice(-2), r.kind, r.status])).toEqual([
      ['10', 'deploy', 'success'],
      ['20', 'plan', 'success'],
      ['30', 'destroy', 'success'],
      ['90', 'deploy', 'in_progress'],
    ]);
    expect(
      await knex('paved_orchestrator_sync_errors').select(
        'item_type',
        'item_id',
        'attempts',
        'reason',
      ),
    ).toEqual([
      {
        item_type: 'deployment',
        item_id: stale,
        attempts: 1,
        reason:
          'Platform Orchestrator getDeployment failed with 422: deployment is being archived (API-000)',
      },
    ]);
    expect(await knex('paved_orchestrator_sync').first()).toMatchObject({
      last_run_count: 3,
      last_error: expect.stringMatching(/^1 item\(s\) failed/),
    });

    // The orchestrator rejects Paved's token: the caller, who is allowed,
    // gets 502 naming the orchestrator, not a 401 of their own.
    environments = 'unauthorised';
    const res = await request(backend)
      .get(
        '/api/paved/v1/orchestrators/humanitec/projects/checkout/environments',
      )
      .query({ entity: 'component:default/checkout' })
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      name: 'OrchestratorCredentialsError',
      message: expect.stringMatching(
        /^Platform Orchestrator listEnvironments failed with 401: token expired \(API-000\): the Platform Orchestrator rejected Paved's token/,
      ),
    });
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
  });
});
