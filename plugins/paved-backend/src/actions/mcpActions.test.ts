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
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import catalogModuleScore from '@paved/plugin-catalog-backend-module-score';
import catalogModuleSurveys from '@paved/plugin-catalog-backend-module-surveys';
import { parseScoreFile, validateScoreFiles } from '@paved/plugin-paved-common';
import permissionModulePavedPolicy from '@paved/plugin-permission-backend-module-paved-policy';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { AddressInfo } from 'node:net';
import {
  matrixAuthFactories,
  matrixUserInfoFactory,
} from '../__testUtils__/matrixAuth';
import { pavedPlugin } from '../plugin';

/*
 * Paved's actions as an agent meets them: the official MCP client over
 * streamable HTTP against a backend with the real MCP actions plugin, the
 * real actions registry and actions service, the real catalog, permission
 * backend and Paved policy, on SQLite and PostgreSQL. Tokens are
 * backend-test-utils' mock tokens (see __testUtils__/matrixAuth.ts).
 */

jest.setTimeout(240_000);

const USERS = {
  owner: 'user:default/olga', // team-a owns svc-a
  nonOwner: 'user:default/nick', // team-b
  admin: 'user:default/ada', // platform
};
const MEMBER_OF: Record<string, string[]> = {
  [USERS.owner]: ['group:default/team-a'],
  [USERS.nonOwner]: ['group:default/team-b'],
  [USERS.admin]: ['group:default/platform'],
  'user:default/u1': [],
  'user:default/u2': [],
};

const META = {
  'backstage.io/managed-by-location': 'url:https://example.com/mcp.yaml',
  'backstage.io/managed-by-origin-location': 'url:https://example.com/mcp.yaml',
};
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations: META },
  spec: { type: 'team', children: [] },
});
const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { ...META, ...annotations },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const ENTITIES: Entity[] = [
  group('team-a'),
  group('team-b'),
  group('platform'),
  // Created from a template the catalog no longer has: off the path.
  component('svc-a', 'group:default/team-a', {
    'paved.dev/template': 'retired-service@1.0.0',
  }),
  component('svc-b', 'group:default/team-b'),
  {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'Survey',
    metadata: {
      name: 'svc-a-nps',
      namespace: 'default',
      title: 'svc-a satisfaction',
      annotations: META,
    },
    spec: {
      owner: 'group:default/team-a',
      question: 'How likely are you to recommend svc-a?',
      subject: 'component:default/svc-a',
      audience: { type: 'everyone' },
      period: 'quarterly',
      minimumAnswers: 3,
      status: 'open',
    },
  },
];

const testEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'mcp-test-entities',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'mcp-test',
          connect: async connection =>
            connection.applyMutation({
              type: 'full',
              entities: ENTITIES.map(entity => ({
                entity,
                locationKey: 'mcp-test',
              })),
            }),
        });
      },
    });
  },
});

const PAVED_TOOLS = [
  'paved.get-dora',
  'paved.list-deployments',
  'paved.record-deployment',
  'paved.get-scores',
  'paved.list-off-path-components',
  'paved.get-survey-results',
  'paved.submit-feedback',
  'paved.get-platform-report',
  'catalog.validate-score',
];

const SCORE_TEXT = `apiVersion: score.dev/v1b1
metadata:
  name: svc-a
containers:
  main:
    image: ghcr.io/acme/svc-a:1.0.0
    variables:
      DB_HOST: \${resources.db.host}
resources:
  cache:
    type: redis
`;

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'Paved actions over MCP (%s)',
  databaseId => {
    let backend: { stop(): Promise<void> };
    let base: string;
    const clients: Client[] = [];

    const rest = async (
      user: keyof typeof USERS | string,
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
    ) => {
      const ref = USERS[user as keyof typeof USERS] ?? user;
      const res = await fetch(`${base}/api/paved${path}`, {
        method,
        headers: {
          Authorization: mockCredentials.user.header(ref),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json();
      return { status: res.status, body: json };
    };

    /** A call that sets up the test's data: anything but 200 stops it. */
    const seed = async (...args: Parameters<typeof rest>) => {
      const { status, body } = await rest(...args);
      if (status !== 200) {
        throw new Error(`Seeding failed: ${status} ${JSON.stringify(body)}`);
      }
    };

    /** An MCP client of the portal's endpoint, as `user`. */
    const connect = async (header?: string) => {
      const client = new Client({ name: 'paved-mcp-test', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(
        new URL(`${base}/api/mcp-actions/v1`),
        {
          requestInit: {
            headers: header ? { Authorization: header } : {},
          },
        },
      );
      await client.connect(transport);
      clients.push(client);
      return client;
    };
    const as = (user: keyof typeof USERS) =>
      connect(mockCredentials.user.header(USERS[user]));

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const started = await startTestBackend({
        features: [
          pavedPlugin,
          catalogPlugin,
          catalogModuleScore,
          catalogModuleSurveys,
          testEntities,
          permissionPlugin,
          permissionModulePavedPolicy,
          mcpActionsPlugin,
          actionsRegistryServiceFactory,
          actionsServiceFactory,
          permissionsServiceFactory,
          permissionsRegistryServiceFactory,
          ...matrixAuthFactories([]),
          matrixUserInfoFactory(MEMBER_OF),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              backend: { actions: { pluginSources: ['paved', 'catalog'] } },
              permission: { enabled: true },
              paved: {
                permissions: {
                  admins: ['group:default/platform'],
                  productionDeployers: ['group:default/platform'],
                  ownershipCacheSeconds: 0,
                },
              },
            },
          }),
        ],
      });
      backend = started;
      base = `http://localhost:${
        (started.server.address() as AddressInfo).port
      }`;

      // The catalog processes and stitches its entities in the background.
      const deadline = Date.now() + 90_000;
      for (;;) {
        const svc = await fetch(
          `${base}/api/catalog/entities/by-name/component/default/svc-a`,
          { headers: { Authorization: mockCredentials.service.header() } },
        );
        const survey = await fetch(
          `${base}/api/catalog/entities/by-name/survey/default/svc-a-nps`,
          { headers: { Authorization: mockCredentials.service.header() } },
        );
        const owned =
          svc.ok &&
          ((await svc.json()).relations ?? []).some(
            (r: any) => r.type === 'ownedBy',
          );
        if (owned && survey.ok) break;
        if (Date.now() > deadline) {
          throw new Error(
            `The catalog never settled: ${JSON.stringify([
              svc.status,
              survey.status,
              await knex('refresh_state').select('entity_ref', 'errors'),
            ]).slice(0, 2000)}`,
          );
        }
        await new Promise(r => setTimeout(r, 500));
      }

      // The ledger: production deployments of both services, a survey
      // answered by fewer people than its threshold.
      for (const name of ['svc-a', 'svc-b']) {
        for (const [i, hoursAgo] of [48, 24, 2].entries()) {
          await seed('admin', 'POST', '/v1/deployments', {
            entityRef: `component:default/${name}`,
            externalId: `seed-${name}-${i}`,
            environment: 'production',
            production: true,
            status: 'success',
            version: `1.0.${i}`,
            startedAt: new Date(
              Date.now() - (hoursAgo + 1) * 3_600_000,
            ).toISOString(),
            finishedAt: new Date(
              Date.now() - hoursAgo * 3_600_000,
            ).toISOString(),
          });
        }
      }
      // The adoption run stores every component's scores (else they are
      // computed, with a new computedAt, on each read).
      await seed('admin', 'POST', '/v1/adoption/refresh', {});
      for (const user of ['user:default/u1', 'user:default/u2']) {
        await seed(user, 'POST', '/v1/surveys/default/svc-a-nps/answers', {
          score: 10,
          comment: 'great',
        });
      }
    });

    afterAll(async () => {
      for (const client of clients) await client.close();
      await backend?.stop();
    });

    /** The registry's own description of Paved's actions (with output schemas). */
    const registryActions = async (pluginId: string) => {
      const res = await fetch(
        `${base}/api/${pluginId}/.backstage/actions/v1/actions`,
        {
          headers: { Authorization: mockCredentials.user.header(USERS.admin) },
        },
      );
      expect(res.status).toBe(200);
      return (await res.json()).actions as Array<{
        id: string;
        name: string;
        schema: { input: object; output: object };
      }>;
    };

    const call = async (
      client: Client,
      name: string,
      args: Record<string, unknown>,
    ) => client.callTool({ name, arguments: args });

    it('lists every Paved action as a tool with its input schema, and the registry gives each an output schema', async () => {
      const client = await as('owner');
      const { tools } = await client.listTools();
      const names = tools.map(t => t.name);
      expect(names).toEqual(expect.arrayContaining(PAVED_TOOLS));

      const registered = [
        ...(await registryActions('paved')),
        ...(await registryActions('catalog')),
      ];
      for (const toolName of PAVED_TOOLS) {
        const tool = tools.find(t => t.name === toolName)!;
        const action = registered.find(
          a => a.id === toolName.replace('.', ':'),
        )!;
        expect(action).toBeDefined();
        expect(tool.description!.length).toBeGreaterThan(200);
        expect(tool.inputSchema).toEqual(action.schema.input);
        expect(action.schema.output).toMatchObject({ type: 'object' });
        expect(
          Object.keys((action.schema.output as any).properties ?? {}).length,
        ).toBeGreaterThan(0);
      }
      const readOnly = (n: string) =>
        tools.find(t => t.name === n)!.annotations?.readOnlyHint;
      expect(readOnly('paved.get-dora')).toBe(true);
      expect(readOnly('paved.record-deployment')).toBe(false);
    });

    it('answers each action with data that matches its output schema and the REST API', async () => {
      const client = await as('owner');
      const registered = [
        ...(await registryActions('paved')),
        ...(await registryActions('catalog')),
      ];
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const checked: string[] = [];
      const answer = async (
        toolName: string,
        args: Record<string, unknown>,
      ) => {
        const result = await call(client, toolName, args);
        expect(result.isError).toBeFalsy();
        const output = result.structuredContent as Record<string, unknown>;
        // The text content is the same JSON, for clients without structured content.
        expect(JSON.parse((result.content as any)[0].text)).toEqual(output);
        const schema = registered.find(
          a => a.id === toolName.replace('.', ':'),
        )!.schema.output;
        const validate = ajv.compile(schema);
        if (!validate(output)) {
          throw new Error(
            `${toolName}: ${ajv.errorsText(
              validate.errors,
            )} in ${JSON.stringify(output).slice(0, 500)}`,
          );
        }
        checked.push(toolName);
        return output;
      };

      // DORA: the same report as GET /v1/dora, for an entity and a team.
      const dora = await answer('paved.get-dora', {
        entity: 'component:default/svc-a',
        days: 7,
      });
      const doraRest = await rest(
        'owner',
        'GET',
        `/v1/dora?${new URLSearchParams({
          entity: 'component:default/svc-a',
          days: '7',
        })}`,
      );
      expect(doraRest).toMatchObject({ status: 200 });
      expect(dora).toEqual(doraRest.body);
      expect((dora as any).metrics.deploymentFrequency.sampleCount).toBe(3);
      const teamDora = await answer('paved.get-dora', {
        group: 'group:default/team-a',
      });
      expect(teamDora).toEqual(
        (
          await rest(
            'owner',
            'GET',
            `/v1/dora?${new URLSearchParams({
              group: 'group:default/team-a',
            })}`,
          )
        ).body,
      );

      // Deployments: the list GET /v1/deployments gives.
      const listed = await answer('paved.list-deployments', {
        entity: 'component:default/svc-a',
        limit: 2,
      });
      const listedRest = await rest(
        'owner',
        'GET',
        `/v1/deployments?${new URLSearchParams({
          entity: 'component:default/svc-a',
          limit: '2',
        })}`,
      );
      expect(listed).toEqual(listedRest.body);
      expect((listed as any).items.map((d: any) => d.version)).toEqual([
        '1.0.2',
        '1.0.1',
      ]);
      expect(await answer('paved.list-deployments', {})).toEqual(
        (await rest('owner', 'GET', '/v1/deployments')).body,
      );

      // Recording: the owner records under their own source; the REST API
      // then returns the same record.
      const recorded = (await answer('paved.record-deployment', {
        entityRef: 'component:default/svc-a',
        externalId: 'from-an-agent',
        environment: 'staging',
        status: 'success',
        version: '2.0.0',
      })) as any;
      expect(recorded.created).toBe(true);
      expect(recorded.deployment.source).toBe('api:user:default/olga');
      const stored = await rest(
        'owner',
        'GET',
        `/v1/deployments/${recorded.deployment.id}`,
      );
      expect(stored.body).toEqual(recorded.deployment);

      // Scores: with the failing checks and how to fix each.
      const scores = (await answer('paved.get-scores', {
        entity: 'component:default/svc-a',
      })) as any;
      expect(scores).toEqual(
        (
          await rest(
            'owner',
            'GET',
            `/v1/adoption/scores?${new URLSearchParams({
              entity: 'component:default/svc-a',
            })}`,
          )
        ).body,
      );
      const failed = scores.automation.checks.filter(
        (c: any) => c.status === 'failed',
      );
      expect(failed.length).toBeGreaterThan(0);
      for (const check of failed) expect(check.fix).toEqual(expect.any(String));

      // Off the golden path: svc-a's template is gone.
      const drift = (await answer('paved.list-off-path-components', {})) as any;
      expect(drift).toEqual(
        (await rest('owner', 'GET', '/v1/golden-paths/drift')).body,
      );
      expect(drift.drifted).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/svc-a',
          reasons: [expect.objectContaining({ code: 'template-missing' })],
        }),
      ]);

      // Survey results: two answers, threshold three: nothing but the fact.
      const surveyResults = (await answer('paved.get-survey-results', {
        subject: 'component:default/svc-a',
      })) as any;
      expect(surveyResults).toEqual(
        (
          await rest(
            'owner',
            'GET',
            `/v1/survey-results?${new URLSearchParams({
              subject: 'component:default/svc-a',
            })}`,
          )
        ).body,
      );
      const [period] = surveyResults.items[0].periods;
      expect(period.tooFewAnswers).toBe(true);
      expect(period.responses).toBeUndefined();
      expect(JSON.stringify(surveyResults)).not.toContain('great');

      // Feedback: submitted as the caller; the REST API shows the request.
      const submitted = (await answer('paved.submit-feedback', {
        title: 'Deploy logs are hard to find',
        description: 'I need the orchestrator logs next to the deployment.',
        entityRef: 'component:default/svc-a',
      })) as any;
      const shown = await rest(
        'owner',
        'GET',
        `/v1/feedback/requests/${submitted.id}`,
      );
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject(submitted);
      expect(JSON.stringify(submitted)).toContain(USERS.owner);

      // The monthly report (last month's, so it is complete): the JSON GET
      // /v1/report gives, but for the moments it was generated and the
      // SLOs were read, which differ between two reads.
      const lastMonth = new Date();
      lastMonth.setUTCDate(1);
      lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
      const month = lastMonth.toISOString().slice(0, 7);
      const readAt = (report: any) => {
        const { generatedAt, ...figures } = report;
        expect(generatedAt).toEqual(expect.any(String));
        if (figures.slos?.at) figures.slos = { ...figures.slos, at: 'read' };
        return figures;
      };
      const report = await answer('paved.get-platform-report', { month });
      const reportRest = await rest(
        'owner',
        'GET',
        `/v1/report?${new URLSearchParams({ month })}`,
      );
      expect(reportRest.status).toBe(200);
      expect(readAt(report)).toEqual(readAt(reportRest.body));
      expect(report.month).toBe(month);

      // Score validation: what paved-common's validation says.
      const validated = (await answer('catalog.validate-score', {
        text: SCORE_TEXT,
      })) as any;
      const expected = validateScoreFiles([
        parseScoreFile('score.yaml', SCORE_TEXT),
      ]);
      expect(validated.valid).toBe(false);
      expect(validated.problems).toEqual(expected.problems);
      expect(validated.problems).toContainEqual(
        expect.objectContaining({
          code: 'placeholder-unknown-resource',
          line: 8,
          path: 'containers.main.variables.DB_HOST',
        }),
      );

      expect(checked.sort()).toEqual(expect.arrayContaining(PAVED_TOOLS));
    });

    it('refuses a caller without the permission, with no data and nothing written', async () => {
      const nonOwner = await as('nonOwner');
      const refused = await call(nonOwner, 'paved.record-deployment', {
        entityRef: 'component:default/svc-a',
        externalId: 'not-theirs',
        environment: 'production',
        status: 'success',
      });
      expect(refused.isError).toBe(true);
      expect(refused.structuredContent).toBeUndefined();
      expect((refused.content as any)[0].text).toBe(
        'NotAllowedError: Not allowed to record deployments',
      );
      const after = await rest(
        'admin',
        'GET',
        `/v1/deployments?${new URLSearchParams({
          entity: 'component:default/svc-a',
        })}`,
      );
      expect(after.body.items.map((d: any) => d.externalId)).not.toContain(
        'not-theirs',
      );

      // Survey results are for the survey's owners: a list without them.
      const results = await call(nonOwner, 'paved.get-survey-results', {
        subject: 'component:default/svc-a',
      });
      expect(results.structuredContent).toEqual({ items: [] });
      expect(
        (
          await rest(
            'nonOwner',
            'GET',
            `/v1/survey-results?${new URLSearchParams({
              subject: 'component:default/svc-a',
            })}`,
          )
        ).body,
      ).toEqual({ items: [] });
    });

    it('refuses a connection without a token', async () => {
      await expect(connect()).rejects.toThrow(/401/);
    });

    it('refuses invalid input with an error naming the field', async () => {
      const client = await as('owner');
      const days = await call(client, 'paved.get-dora', {
        entity: 'component:default/svc-a',
        days: 0,
      });
      expect(days.isError).toBe(true);
      expect(days.structuredContent).toBeUndefined();
      expect((days.content as any)[0].text).toMatch(/^InputError: .*"days"/s);

      const missing = await call(client, 'paved.record-deployment', {
        entityRef: 'component:default/svc-a',
        externalId: 'x',
        status: 'success',
      });
      expect(missing.isError).toBe(true);
      expect((missing.content as any)[0].text).toMatch(
        /^InputError: .*"environment"/s,
      );

      // A value the schema allows but Paved rejects: named by the service.
      const badRef = await call(client, 'paved.get-dora', {
        entity: 'component:',
      });
      expect(badRef.isError).toBe(true);
      expect((badRef.content as any)[0].text).toMatch(/^InputError: entity /);
    });
  },
);
