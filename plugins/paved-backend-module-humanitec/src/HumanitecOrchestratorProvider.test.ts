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
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import {
  API_URL,
  mockOperation,
  poError,
  violations,
} from './client/__testUtils__/mswPlatformOrchestrator';
import {
  sampleDeployment,
  sampleDeploymentSummary,
  sampleEnvironment,
  sampleProject,
} from './client/__testUtils__/samples';
import { PlatformOrchestratorClient } from './client/PlatformOrchestratorClient';
import { HumanitecOrchestratorProvider } from './HumanitecOrchestratorProvider';

const TOKEN = 'hum-test-token-must-never-leak';
// A published age test pair (FiloSottile/age cmd/age/testdata/x25519.txt);
// logsIdentity.test.ts checks the derivation against more.
const LOGS_IDENTITY =
  'AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0';
const LOGS_RECIPIENT =
  'age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef';
const LOGS = { identity: LOGS_IDENTITY, recipient: LOGS_RECIPIENT };
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  // Every request and mocked answer matched the vendored specs.
  const found = violations.splice(0);
  if (found.length) {
    throw new Error(`Requests or answers break the spec:\n${found.join('\n')}`);
  }
});
afterAll(() => server.close());

const provider = (
  options: { timeoutMs?: number; retries?: number; logs?: typeof LOGS } = {},
) =>
  new HumanitecOrchestratorProvider({
    client: new PlatformOrchestratorClient({
      apiUrl: API_URL,
      orgId: 'acme',
      token: TOKEN,
      retryDelayMs: 1,
      pageSize: 2,
      ...options,
    }),
  });

const uuid = (n: number) =>
  `0b7f5f7e-2c4e-4d7b-9d8e-0000000000${String(n).padStart(2, '0')}`;

const workload = {
  apiVersion: 'score.dev/v1b1' as const,
  metadata: { name: 'checkout' },
  containers: {
    main: {
      image: 'ghcr.io/acme/checkout:1.4.0',
      variables: { DB: '${resources.db.host}' },
    },
  },
  service: { ports: { http: { port: 8080 } } },
  resources: { db: { type: 'postgres' } },
};

describe('HumanitecOrchestratorProvider against the Platform Orchestrator API v2', () => {
  it('reads org and token from config only and maps entities to projects', async () => {
    const p = (await HumanitecOrchestratorProvider.fromConfig(
      new ConfigReader({
        paved: {
          orchestrators: { humanitec: { orgId: 'acme', token: TOKEN } },
        },
      }),
    ))!;
    expect(p.title).toBe('Humanitec Platform Orchestrator (acme)');
    const entity = (annotations: Record<string, string>) => ({
      metadata: { name: 'x', annotations },
    });
    expect(
      p.targetForEntity(entity({ 'humanitec.com/appId': 'checkout' })),
    ).toEqual({ projectId: 'checkout' });
    expect(
      p.targetForEntity(
        entity({
          'paved.dev/orchestrator-project': 'co',
          'humanitec.com/appId': 'old',
        }),
      ),
    ).toEqual({ projectId: 'co' });
    // Another org named by the entity is not this provider's to touch.
    expect(
      p.targetForEntity(
        entity({ 'humanitec.com/orgId': 'evil', 'humanitec.com/appId': 'x' }),
      ),
    ).toBeUndefined();
    expect(p.targetForEntity(entity({}))).toBeUndefined();
    await expect(
      HumanitecOrchestratorProvider.fromConfig(new ConfigReader({})),
    ).resolves.toBeUndefined();
  });

  it('lists environments across pages', async () => {
    const pages: Array<string | null> = [];
    server.use(
      mockOperation('listEnvironments', ({ params, query }) => {
        expect(params).toEqual({ orgId: 'acme', projectId: 'checkout' });
        pages.push(query.get('page'));
        return query.get('page') === 'p2'
          ? {
              status: 200,
              body: { items: [sampleEnvironment('production', 'production')] },
            }
          : {
              status: 200,
              body: {
                items: [
                  sampleEnvironment('development'),
                  sampleEnvironment('staging', 'staging'),
                ],
                next_page_token: 'p2',
              },
            };
      }),
    );
    const envs = await provider().listEnvironments('checkout');
    expect(pages).toEqual([null, 'p2']);
    expect(envs.map(e => [e.id, e.type, e.production])).toEqual([
      ['development', 'development', false],
      ['staging', 'staging', false],
      ['production', 'production', true],
    ]);
  });

  it('creates projects and environments, treating 409 as already there', async () => {
    let projectCalls = 0;
    server.use(
      mockOperation('createProject', ({ body }) => {
        projectCalls++;
        expect(body).toEqual({ id: 'checkout', display_name: 'Checkout' });
        return projectCalls === 1
          ? { status: 201, body: sampleProject }
          : { status: 409, body: poError('project already exists') };
      }),
      mockOperation('createEnvironment', () => ({
        status: 409,
        body: poError('environment already exists'),
      })),
      mockOperation('getEnvironment', () => ({
        status: 200,
        body: sampleEnvironment('staging', 'staging'),
      })),
    );
    const p = provider();
    expect(
      await p.createProject({ projectId: 'checkout', displayName: 'Checkout' }),
    ).toEqual({ projectId: 'checkout', created: true });
    expect(
      await p.createProject({ projectId: 'checkout', displayName: 'Checkout' }),
    ).toEqual({ projectId: 'checkout', created: false });
    const env = await p.createEnvironment({
      projectId: 'checkout',
      environmentId: 'staging',
      environmentType: 'staging',
    });
    expect(env).toMatchObject({
      created: false,
      environment: { id: 'staging', type: 'staging' },
    });
  });

  it('deletes an environment: 202 while destroying, 204 gone, 404 already gone', async () => {
    const answers = [
      {
        status: 202,
        body: { ...sampleEnvironment('pr-7'), status: 'deleting' },
      },
      { status: 204 },
      { status: 404, body: poError('environment not found') },
      { status: 409, body: poError('a deployment is running') },
    ];
    const calls: Array<{ params: Record<string, string>; query: string }> = [];
    server.use(
      mockOperation('deleteEnvironment', ({ params, query }) => {
        calls.push({ params, query: query.toString() });
        return answers[calls.length - 1];
      }),
    );
    const p = provider();
    const target = { projectId: 'checkout', environmentId: 'pr-7' };
    expect(await p.deleteEnvironment(target)).toEqual({
      deleted: true,
      pending: true,
    });
    expect(await p.deleteEnvironment(target)).toEqual({
      deleted: true,
      pending: false,
    });
    expect(await p.deleteEnvironment(target)).toEqual({
      deleted: false,
      pending: false,
    });
    // A conflict is not hidden: the caller retries later.
    await expect(p.deleteEnvironment(target)).rejects.toMatchObject({
      name: 'ConflictError',
    });
    // The spec's path, no force (which would leave infrastructure behind).
    expect(calls.map(c => c.params)).toEqual(
      Array(4).fill({ orgId: 'acme', projectId: 'checkout', envId: 'pr-7' }),
    );
    expect(calls.every(c => c.query === '')).toBe(true);
  });

  it('deploys a Score workload with an idempotency key and waits for it', async () => {
    const keys: string[] = [];
    let waits = 0;
    server.use(
      mockOperation('createDeployment', ({ body, headers }) => {
        keys.push(headers.get('idempotency-key')!);
        expect(body).toMatchObject({
          project_id: 'checkout',
          env_id: 'development',
          mode: 'deploy',
          manifest: {
            workloads: {
              checkout: {
                resources: {
                  db: { type: 'postgres' },
                  workload: {
                    type: 'score-workload',
                    params: { metadata: { name: 'checkout' } },
                  },
                },
              },
            },
          },
        });
        return { status: 201, body: sampleDeployment(uuid(1)) };
      }),
      mockOperation('waitForDeploymentComplete', ({ query }) => {
        expect(Number(query.get('timeout_in_seconds'))).toBeGreaterThanOrEqual(
          2,
        );
        waits++;
        return waits === 1
          ? { status: 408, body: poError('still running') }
          : {
              status: 200,
              body: sampleDeployment(uuid(1), {
                status: 'succeeded',
                status_message: 'done',
                completed_at: '2026-11-20T10:05:00Z',
              }),
            };
      }),
    );
    const p = provider();
    const deployment = await p.deployScoreWorkload({
      projectId: 'checkout',
      environmentId: 'development',
      workload,
      idempotencyKey: 'k-1',
    });
    expect(deployment).toMatchObject({
      id: uuid(1),
      status: 'in_progress',
      rawStatus: 'executing',
    });
    expect(keys).toEqual(['k-1']);
    const done = await p.waitForDeployment(uuid(1), { timeoutMs: 60_000 });
    expect(done).toMatchObject({
      status: 'success',
      completedAt: '2026-11-20T10:05:00Z',
    });
    expect(waits).toBe(2);
  });

  it('lists deployments since a point, stopping at older pages', async () => {
    const requested: Array<string | null> = [];
    server.use(
      mockOperation('listDeployments', ({ query }) => {
        requested.push(query.get('page'));
        const page = query.get('page');
        if (!page) {
          return {
            status: 200,
            body: {
              items: [
                sampleDeploymentSummary(uuid(4), {
                  created_at: '2026-11-20T12:00:00Z',
                  status: 'succeeded',
                }),
                sampleDeploymentSummary(uuid(3), {
                  created_at: '2026-11-20T11:00:00Z',
                  status: 'failed',
                  status_message: 'module postgres: timeout',
                }),
              ],
              next_page_token: 'p2',
            },
          };
        }
        if (page === 'p2') {
          return {
            status: 200,
            body: {
              items: [
                sampleDeploymentSummary(uuid(2), {
                  created_at: '2026-11-19T09:00:00Z',
                }),
                sampleDeploymentSummary(uuid(1), {
                  created_at: '2026-11-18T09:00:00Z',
                }),
              ],
              next_page_token: 'p3',
            },
          };
        }
        throw new Error('paged too far');
      }),
      mockOperation('listLastDeployments', () => ({
        status: 200,
        body: {
          items: [sampleDeploymentSummary(uuid(4), { status: 'succeeded' })],
        },
      })),
    );
    const p = provider();
    const since = await p.listDeployments({
      projectId: 'checkout',
      since: new Date('2026-11-20T00:00:00Z'),
    });
    expect(since.map(d => [d.id, d.status, d.message])).toEqual([
      [uuid(4), 'success', 'Deployment in flight'],
      [uuid(3), 'failure', 'module postgres: timeout'],
    ]);
    expect(requested).toEqual([null, 'p2']);
    expect(
      await p.listLatestDeployments({ projectId: 'checkout' }),
    ).toHaveLength(1);
  });

  it('labels plan-only, rollback and destroy runs by their mode', async () => {
    // Modes as the data plane spec's by_mode filter lists them.
    server.use(
      mockOperation('listDeployments', () => ({
        status: 200,
        body: {
          items: [
            sampleDeploymentSummary(uuid(1), { mode: 'deploy' }),
            sampleDeploymentSummary(uuid(2), {
              mode: 'deploy',
              plan_only: true,
            }),
            sampleDeploymentSummary(uuid(3), {
              mode: 'plan_only',
              plan_only: true,
            }),
            sampleDeploymentSummary(uuid(4), {
              mode: 'rollback',
              rollback_to_deployment_id: uuid(1),
            }),
            sampleDeploymentSummary(uuid(5), { mode: 'rollback_plan' }),
            sampleDeploymentSummary(uuid(6), { mode: 'destroy' }),
            sampleDeploymentSummary(uuid(7), {
              mode: 'destroy',
              plan_only: true,
            }),
          ],
        },
      })),
    );
    const listed = await provider().listDeployments({});
    expect(
      listed
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(d => [d.id.slice(-1), d.kind]),
    ).toEqual([
      ['1', 'deploy'],
      ['2', 'plan'],
      ['3', 'plan'],
      ['4', 'rollback'],
      ['5', 'plan'],
      ['6', 'destroy'],
      ['7', 'plan'],
    ]);
  });

  it('refuses a deployment whose id is not the one asked for', async () => {
    server.use(
      mockOperation('getDeployment', ({ params }) => ({
        status: 200,
        body: sampleDeployment(
          params.deploymentId === uuid(1) ? uuid(2) : params.deploymentId,
        ),
      })),
      mockOperation('waitForDeploymentComplete', () => ({
        status: 200,
        body: sampleDeployment(uuid(2), { status: 'succeeded' }),
      })),
    );
    const p = provider();
    expect((await p.getDeployment(uuid(3)))?.id).toBe(uuid(3));
    await expect(p.getDeployment(uuid(1))).rejects.toThrow(
      `Humanitec Platform Orchestrator (acme) answered with deployment ${uuid(
        2,
      )} when asked for ${uuid(1)}`,
    );
    await expect(p.waitForDeployment(uuid(1))).rejects.toThrow(
      /answered with deployment .*02 when asked for .*01/,
    );
  });

  it('returns deployment logs, decrypted with the DecryptKey header, and undefined for unknown deployments', async () => {
    const decryptKeys: Array<string | null> = [];
    server.use(
      mockOperation('getDeploymentLogs', ({ params, headers }) => {
        expect(params).toEqual({ orgId: 'acme', deploymentId: uuid(1) });
        decryptKeys.push(headers.get('decryptkey'));
        return {
          status: 200,
          text: '2026-11-20T10:00:01Z INFO planning\n2026-11-20T10:00:09Z ERROR module postgres: timeout\nplain line\n',
        };
      }),
      mockOperation('getDeployment', () => ({
        status: 404,
        body: poError('deployment not found'),
      })),
    );
    const p = provider({ logs: LOGS });
    expect(await p.getDeploymentLogs(uuid(1))).toEqual([
      { timestamp: '2026-11-20T10:00:01Z', level: 'info', message: 'planning' },
      {
        timestamp: '2026-11-20T10:00:09Z',
        level: 'error',
        message: 'module postgres: timeout',
      },
      { message: 'plain line' },
    ]);
    expect(decryptKeys).toEqual([LOGS_IDENTITY]);
    expect(await p.getDeployment(uuid(9))).toBeUndefined();
  });

  describe('runner logs (paved.orchestrators.humanitec.logsIdentity)', () => {
    const fromConfig = async (logsIdentity?: string) =>
      (await HumanitecOrchestratorProvider.fromConfig(
        new ConfigReader({
          paved: {
            orchestrators: {
              humanitec: {
                orgId: 'acme',
                token: TOKEN,
                apiUrl: API_URL,
                ...(logsIdentity !== undefined ? { logsIdentity } : {}),
              },
            },
          },
        }),
      ))!;

    const deployAndCaptureBody = async (p: HumanitecOrchestratorProvider) => {
      const bodies: any[] = [];
      server.use(
        mockOperation('createDeployment', ({ body }) => {
          bodies.push(body);
          return { status: 201, body: sampleDeployment(uuid(1)) };
        }),
      );
      await p.deployScoreWorkload({
        projectId: 'checkout',
        environmentId: 'development',
        workload,
        idempotencyKey: 'k-logs',
      });
      expect(bodies).toHaveLength(1);
      return bodies[0];
    };

    it('sends the recipient derived from the configured identity with new deployments', async () => {
      const p = await fromConfig(LOGS_IDENTITY);
      expect(p.logsRecipient).toBe(LOGS_RECIPIENT);
      const body = await deployAndCaptureBody(p);
      expect(body.encrypted_logs_recipient).toBe(LOGS_RECIPIENT);
      // The identity itself never goes to the orchestrator with a deployment.
      expect(JSON.stringify(body)).not.toContain(LOGS_IDENTITY);
    });

    it('creates deployments without a recipient when no identity is configured', async () => {
      const p = await fromConfig();
      expect(p.logsRecipient).toBeUndefined();
      const body = await deployAndCaptureBody(p);
      expect(body).not.toHaveProperty('encrypted_logs_recipient');
      expect(body).toMatchObject({ project_id: 'checkout', mode: 'deploy' });
    });

    it('says to set the config key instead of reading logs without an identity', async () => {
      // No get-logs handler: onUnhandledRequest 'error' fails any request.
      await expect(
        (await fromConfig()).getDeploymentLogs(uuid(1)),
      ).rejects.toMatchObject({
        name: 'NotImplementedError',
        message: expect.stringContaining(
          'set paved.orchestrators.humanitec.logsIdentity',
        ),
      });
    });

    it('stops at startup on an invalid identity, naming the key and not the value', async () => {
      const wrong = `${LOGS_IDENTITY.slice(0, -1)}Q`;
      let error: Error | undefined;
      try {
        await fromConfig(wrong);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).toMatch(
        /^Invalid paved\.orchestrators\.humanitec\.logsIdentity: /,
      );
      expect(error?.message).not.toContain(wrong.slice(16));
      await expect(fromConfig(LOGS_RECIPIENT)).rejects.toThrow(
        /is an age recipient/,
      );
    });

    it('explains a 404 (no logs kept) as NotFoundError', async () => {
      server.use(
        mockOperation('getDeploymentLogs', () => ({
          status: 404,
          body: poError('logs not found'),
        })),
      );
      const error = await provider({ logs: LOGS })
        .getDeploymentLogs(uuid(2))
        .catch(e => e);
      expect(error.name).toBe('NotFoundError');
      expect(error.message).toMatch(
        new RegExp(
          `No logs for deployment ${uuid(2)}: .*30 days.*logsIdentity`,
        ),
      );
      expect(error.message).not.toContain(LOGS_IDENTITY);
    });

    // An orchestrator (or a proxy) that echoes the DecryptKey header in its
    // error must not get the key into the error Paved passes on.
    const echoed = (upper: boolean) => {
      const key = upper ? LOGS_IDENTITY : LOGS_IDENTITY.toLowerCase();
      return poError(`cannot decrypt with DecryptKey ${key}`, `KEY ${key}`);
    };
    const noSecrets = (error: Error) => {
      const everything = `${error.message}\n${error.stack}\n${JSON.stringify(
        error,
      )}`.toUpperCase();
      expect(everything).not.toContain(LOGS_IDENTITY);
      expect(everything).not.toContain(LOGS_IDENTITY.slice(16));
      expect(everything).not.toContain(TOKEN.toUpperCase());
    };

    const decryptFailed =
      /getDeploymentLogs failed with 400: cannot decrypt with DecryptKey \[redacted\] \(KEY \[redacted\]\)\. .*encrypted to another recipient/;
    it.each([
      [400, 'InputError', true, 1, decryptFailed],
      [400, 'InputError', false, 1, decryptFailed],
      [404, 'NotFoundError', true, 1, /^No logs for deployment/],
      [
        500,
        'ServiceUnavailableError',
        false,
        2,
        /getDeploymentLogs failed with 500: cannot decrypt with DecryptKey \[redacted\]/,
      ],
    ])(
      'keeps the key out of the error for a %s answer (%s, upper case echo: %s)',
      async (status, name, upper, attempts, message) => {
        let calls = 0;
        server.use(
          mockOperation('getDeploymentLogs', ({ headers }) => {
            calls++;
            expect(headers.get('decryptkey')).toBe(LOGS_IDENTITY);
            return { status, body: echoed(upper) };
          }),
        );
        const error = await provider({
          logs: LOGS,
          retries: 1,
        })
          .getDeploymentLogs(uuid(3))
          .catch(e => e);
        expect(error.name).toBe(name);
        expect(error.message).toMatch(message);
        noSecrets(error);
        expect(calls).toBe(attempts);
      },
    );

    it('keeps the key out of network errors', async () => {
      const failing = new HumanitecOrchestratorProvider({
        client: new PlatformOrchestratorClient({
          apiUrl: API_URL,
          orgId: 'acme',
          token: TOKEN,
          logs: LOGS,
          retries: 0,
          fetch: async () => {
            throw new TypeError(`fetch failed for header ${LOGS_IDENTITY}`);
          },
        }),
      });
      const error = await failing.getDeploymentLogs(uuid(4)).catch(e => e);
      expect(error.message).toMatch(/getDeploymentLogs could not reach/);
      noSecrets(error);
    });
  });

  describe('error paths', () => {
    // 401 and 403 concern Paved's own token, not the caller of Paved: they
    // become 502 Bad Gateway naming the orchestrator (module.test.ts shows
    // the answer of the REST route).
    it.each([
      [
        401,
        'OrchestratorCredentialsError',
        /^Platform Orchestrator listEnvironments failed with 401: denied \(API-000\): the Platform Orchestrator rejected Paved's token. Check paved.orchestrators.humanitec.token/,
      ],
      [
        403,
        'OrchestratorCredentialsError',
        /^Platform Orchestrator listEnvironments failed with 403: denied \(API-000\): the Platform Orchestrator refused Paved's token. The token's service user lacks a role/,
      ],
      [
        404,
        'NotFoundError',
        /listEnvironments failed with 404: project not found \(API-000\)/,
      ],
    ])('maps %s to %s', async (status, name, message) => {
      server.use(
        mockOperation('listEnvironments', () => ({
          status,
          body: poError(status === 404 ? 'project not found' : 'denied'),
        })),
      );
      const error = await provider()
        .listEnvironments('checkout')
        .catch(e => e);
      expect(error.name).toBe(name);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(TOKEN);
      // What Backstage's error handler answers with.
      expect(error.statusCode).toBe(status === 404 ? undefined : 502);
    });

    it('maps 409 on a deployment to ConflictError', async () => {
      server.use(
        mockOperation('createDeployment', () => ({
          status: 409,
          body: poError('environment is locked by another deployment'),
        })),
      );
      await expect(
        provider().deployScoreWorkload({
          projectId: 'checkout',
          environmentId: 'development',
          workload,
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(/locked/),
      });
    });

    it('retries 429 (honouring Retry-After) and 5xx on safe requests', async () => {
      const answers = [
        {
          status: 429,
          body: poError('slow down'),
          headers: { 'Retry-After': '0' },
        },
        { status: 503, body: poError('unavailable') },
        { status: 200, body: { items: [sampleEnvironment('development')] } },
      ];
      let calls = 0;
      server.use(mockOperation('listEnvironments', () => answers[calls++]));
      expect(await provider().listEnvironments('checkout')).toHaveLength(1);
      expect(calls).toBe(3);
    });

    it('gives up after the configured retries with a clear error', async () => {
      let calls = 0;
      server.use(
        mockOperation('listEnvironments', () => {
          calls++;
          return {
            status: 429,
            body: poError('slow down'),
            headers: { 'Retry-After': '0' },
          };
        }),
      );
      await expect(
        provider({ retries: 2 }).listEnvironments('checkout'),
      ).rejects.toMatchObject({
        name: 'RateLimitedError',
        message: expect.stringMatching(/Too many requests/),
      });
      expect(calls).toBe(3);

      let created = 0;
      server.use(
        mockOperation('createDeployment', () => {
          created++;
          return { status: 502, body: poError('bad gateway') };
        }),
      );
      await expect(
        provider({ retries: 2 }).deployScoreWorkload({
          projectId: 'checkout',
          environmentId: 'development',
          workload,
        }),
      ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
      // Creates carry an idempotency key, so retrying them is safe too.
      expect(created).toBe(3);
    });

    it('times out slow requests', async () => {
      let calls = 0;
      server.use(
        mockOperation('getDeployment', () => {
          calls++;
          return { status: 200, body: sampleDeployment(uuid(1)), delayMs: 500 };
        }),
      );
      await expect(
        provider({ timeoutMs: 50, retries: 1 }).getDeployment(uuid(1)),
      ).rejects.toMatchObject({
        name: 'OrchestratorTimeoutError',
        message: 'Platform Orchestrator getDeployment timed out after 50 ms',
      });
      expect(calls).toBe(2);
    });
  });
});
