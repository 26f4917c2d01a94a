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
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { permissionsRegistryServiceFactory } from '@backstage/backend-defaults/permissionsRegistry';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import catalogModuleSurveys from '@paved/plugin-catalog-backend-module-surveys';
import permissionModulePavedPolicy, {
  pavedPolicyExtensionPoint,
} from '@paved/plugin-permission-backend-module-paved-policy';
import { isRoadmapItemEntity } from '@paved/plugin-paved-common';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { orchestratorModule } from './orchestrators/__testUtils__/orchestratorModule';
import {
  ExternalToken,
  matrixAuthFactories,
  matrixUserInfoFactory,
} from './__testUtils__/matrixAuth';
import { ROUTE_RULE, RouteRule } from './http/routeGuard';
import { pavedPlugin } from './plugin';

/*
 * The permission matrix: every operation of the OpenAPI document, called
 * over HTTP by each kind of caller, against a backend with the real
 * permission backend, the Paved policy module, the real catalog and its
 * entities, on PostgreSQL. An operation without a row here fails the test,
 * and so does a route whose handler does not carry its rule.
 */

// The express handlers the Paved router is given, as the guard built them.
const mockMounted: Array<{ method: string; path: string; handlers: any[] }> =
  [];
jest.mock('@backstage/backend-openapi-utils', () => {
  const actual = jest.requireActual('@backstage/backend-openapi-utils');
  return {
    ...actual,
    createValidatedOpenApiRouter: (spec: any, ...rest: any[]) => {
      const router = actual.createValidatedOpenApiRouter(spec, ...rest);
      if (spec?.info?.title === 'paved') {
        for (const method of ['get', 'post', 'put', 'delete']) {
          const add = router[method].bind(router);
          router[method] = (path: string, ...handlers: any[]) => {
            mockMounted.push({ method, path, handlers });
            return add(path, ...handlers);
          };
        }
      }
      return router;
    },
  };
});

jest.setTimeout(240_000);

const ROLES = ['none', 'member', 'owner', 'nonOwner', 'admin', 'ci'] as const;
type Role = (typeof ROLES)[number];
type Expected = Record<Role, number>;

/** The people and their direct groups, as the sign-in resolver gives them. */
const USERS = {
  member: 'user:default/mia',
  owner: 'user:default/olga',
  nonOwner: 'user:default/nick',
  admin: 'user:default/ada',
  deployer: 'user:default/dora',
  outsideDeployer: 'user:default/rex',
};
const MEMBER_OF: Record<string, string[]> = {
  [USERS.member]: [],
  // A child group of team-a, the owner of svc-a: owns through the parent.
  [USERS.owner]: ['group:default/team-a-sre'],
  [USERS.nonOwner]: ['group:default/team-b'],
  [USERS.admin]: ['group:default/platform'],
  [USERS.deployer]: ['group:default/team-a-sre', 'group:default/release'],
  [USERS.outsideDeployer]: ['group:default/release'],
};

/** The CI token exactly as app-config.production.yaml restricts it. */
function productionCiToken(): ExternalToken {
  const production = YAML.parse(
    readFileSync(
      join(
        resolvePackagePath('@paved/plugin-paved-backend'),
        '../../app-config.production.yaml',
      ),
      'utf8',
    ),
  );
  const entry = production.backend.auth.externalAccess.find(
    (e: any) => e.options.subject === 'paved-ci',
  );
  const [restriction] = entry.accessRestrictions;
  return {
    token: 'matrix-ci-token',
    subject: entry.options.subject,
    plugin: restriction.plugin,
    accessRestrictions: {
      permissionNames: [].concat(restriction.permission),
    },
  };
}
const CI = productionCiToken();

const headerOf = (role: Role | keyof typeof USERS): string | undefined => {
  if (role === 'none') return undefined;
  if (role === 'ci') return `Bearer ${CI.token}`;
  return mockCredentials.user.header(USERS[role]);
};

const META = {
  'backstage.io/managed-by-location': 'url:https://example.com/matrix.yaml',
  'backstage.io/managed-by-origin-location':
    'url:https://example.com/matrix.yaml',
};
const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', annotations: META },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});
const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      ...META,
      'paved.dev/orchestrator-project': name,
      'github.com/project-slug': `acme/${name}`,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const ENTITIES: Entity[] = [
  group('team-a'),
  group('team-a-sre', 'team-a'),
  group('team-b'),
  group('platform'),
  group('release'),
  component('svc-a', 'group:default/team-a'),
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
  {
    apiVersion: 'paved.dev/v1alpha1',
    kind: 'RoadmapItem',
    metadata: {
      name: 'svc-a-faster',
      namespace: 'default',
      title: 'Faster svc-a',
      annotations: META,
    },
    spec: {
      owner: 'group:default/team-a',
      problem: 'svc-a ships slowly',
      horizon: 'now',
      outcome: { metric: 'automationScore', target: 70 },
    },
  },
];

const matrixEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'matrix-entities',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        // Accepts the kind only; validation is the roadmap module's test.
        catalog.addProcessor({
          getProcessorName: () => 'matrix-roadmap-kind',
          validateEntityKind: async entity => isRoadmapItemEntity(entity),
        });
        catalog.addEntityProvider({
          getProviderName: () => 'matrix',
          connect: async connection =>
            connection.applyMutation({
              type: 'full',
              entities: ENTITIES.map(entity => ({
                entity,
                locationKey: 'matrix',
              })),
            }),
        });
      },
    });
  },
});

class MatrixOrchestrator implements OrchestratorProvider {
  readonly id = 'memory';
  readonly title = 'In-memory';
  readonly type = 'test';
  deployed = 0;
  targetForEntity(entity: {
    metadata: { annotations?: Record<string, string> };
  }) {
    const projectId =
      entity.metadata.annotations?.['paved.dev/orchestrator-project'];
    return projectId ? { projectId } : undefined;
  }
  async createProject(input: { projectId: string }) {
    return { projectId: input.projectId, created: true };
  }
  async createEnvironment(input: {
    projectId: string;
    environmentId: string;
    environmentType: string;
  }) {
    return {
      created: true,
      environment: {
        id: input.environmentId,
        projectId: input.projectId,
        production: input.environmentType === 'production',
      },
    };
  }
  async listEnvironments(projectId: string) {
    return [
      { id: 'development', projectId, production: false },
      { id: 'live', projectId, production: true },
    ];
  }
  async deployScoreWorkload(input: {
    projectId: string;
    environmentId: string;
  }) {
    this.deployed += 1;
    return {
      id: `dep-${this.deployed}`,
      projectId: input.projectId,
      environmentId: input.environmentId,
      status: 'in_progress' as const,
      rawStatus: 'executing',
      createdAt: new Date().toISOString(),
    };
  }
  async getDeploymentLogs() {
    return [{ message: 'pulled image' }];
  }
}

const WORKLOAD = {
  apiVersion: 'score.dev/v1b1',
  metadata: { name: 'svc-a' },
  containers: { main: { image: 'ghcr.io/acme/svc-a:1.0.0' } },
};

/** A Paved backend with the real permission stack and catalog. */
async function startMatrixBackend(options: {
  knex: any;
  basePolicy?: PermissionPolicy;
}) {
  const features: any[] = [
    pavedPlugin,
    orchestratorModule([new MatrixOrchestrator()]),
    catalogPlugin,
    catalogModuleSurveys,
    matrixEntities,
    permissionPlugin,
    permissionModulePavedPolicy,
    permissionsServiceFactory,
    permissionsRegistryServiceFactory,
    ...matrixAuthFactories([CI]),
    matrixUserInfoFactory(MEMBER_OF),
    mockServices.database.factory({ knex: options.knex }),
    mockServices.rootConfig.factory({
      data: {
        permission: { enabled: true },
        paved: {
          permissions: {
            admins: ['group:default/platform'],
            productionDeployers: ['group:default/release'],
            ownershipCacheSeconds: 0,
          },
          webhooks: { generic: { secret: 'matrix-webhook-secret' } },
        },
      },
    }),
  ];
  if (options.basePolicy) {
    const basePolicy = options.basePolicy;
    features.push(
      createBackendModule({
        pluginId: 'permission',
        moduleId: 'matrix-site-policy',
        register(env) {
          env.registerInit({
            deps: { paved: pavedPolicyExtensionPoint },
            async init({ paved }) {
              paved.setBasePolicy(basePolicy);
            },
          });
        },
      }),
    );
  }
  const { server } = await startTestBackend({ features });

  // The catalog processes and stitches its entities in the background.
  const admin = headerOf('admin')!;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-name/survey/default/svc-a-nps')
      .set('Authorization', mockCredentials.service.header());
    const team = await request(server)
      .get('/api/catalog/entities/by-name/group/default/team-a-sre')
      .set('Authorization', mockCredentials.service.header());
    const svc = await request(server)
      .get('/api/catalog/entities/by-name/component/default/svc-b')
      .set('Authorization', mockCredentials.service.header());
    const ready =
      res.status === 200 &&
      (team.body.relations ?? []).some((r: any) => r.type === 'childOf') &&
      (svc.body.relations ?? []).some((r: any) => r.type === 'ownedBy');
    if (ready) break;
    if (Date.now() > deadline) {
      throw new Error(
        `The catalog never settled: ${JSON.stringify([
          await options.knex('refresh_state').select('entity_ref', 'errors'),
          res.status,
          res.body,
          team.status,
          svc.status,
          svc.body,
        ]).slice(0, 1500)}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }

  // The ledger: a deployment made through the orchestrator (it has logs),
  // production deployments and incidents of both services.
  const call = (method: 'get' | 'post' | 'put', path: string, body?: object) =>
    request(server)
      [method](`/api/paved${path}`)
      .set('Authorization', admin)
      .send(body);
  const deployed = await call('post', '/v1/orchestrators/memory/deployments', {
    entityRef: 'component:default/svc-a',
    projectId: 'svc-a',
    environmentId: 'development',
    workload: WORKLOAD,
  });
  if (deployed.status !== 200) {
    throw new Error(`Seeding failed: ${JSON.stringify(deployed.body)}`);
  }
  const finished = new Date(Date.now() - 3_600_000).toISOString();
  for (const name of ['svc-a', 'svc-b']) {
    const seeded = await call('post', '/v1/deployments', {
      entityRef: `component:default/${name}`,
      externalId: `seed-${name}`,
      environment: 'production',
      production: true,
      status: 'success',
      startedAt: new Date(Date.now() - 7_200_000).toISOString(),
      finishedAt: finished,
    });
    const incident = await call('post', '/v1/incidents', {
      entityRef: `component:default/${name}`,
      externalId: `seed-incident-${name}`,
      title: `${name} is slow`,
    });
    if (seeded.status !== 200 || incident.status !== 200) {
      throw new Error(
        `Seeding failed: ${JSON.stringify([seeded.body, incident.body])}`,
      );
    }
  }
  // Feedback about svc-b from team-b, and a duplicate for the merge row.
  const submitFeedback = (title: string) =>
    request(server)
      .post('/api/paved/v1/feedback/requests')
      .set('Authorization', headerOf('nonOwner')!)
      .send({ title, description: 'd', entityRef: 'component:default/svc-b' });
  const feedback = await submitFeedback('Faster svc-b builds');
  const duplicate = await submitFeedback('svc-b builds are slow');
  if (feedback.status !== 200 || duplicate.status !== 200) {
    throw new Error(
      `Seeding failed: ${JSON.stringify([feedback.body, duplicate.body])}`,
    );
  }
  return {
    server,
    ledgerId: deployed.body.ledgerId as string,
    feedbackId: feedback.body.id as string,
    duplicateFeedbackId: duplicate.body.id as string,
  };
}

type Call = {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  body?: unknown;
};
type Row = {
  call: (ctx: {
    ledgerId: string;
    feedbackId: string;
    duplicateFeedbackId: string;
    role: Role;
  }) => Call;
  expect: Expected;
  /** Further checks of what a caller got (status already matched). */
  check?: (role: Role, body: any) => string | undefined;
};

const SIGNED_IN: Expected = {
  none: 401,
  member: 200,
  owner: 200,
  nonOwner: 200,
  admin: 200,
  ci: 403,
};
const OWNERS: Expected = {
  none: 401,
  member: 403,
  owner: 200,
  nonOwner: 403,
  admin: 200,
  ci: 403,
};
const SVC_A = 'component:default/svc-a';

/** One row per operation of the OpenAPI document. */
const ROWS: Record<string, Row> = {
  GetInfo: {
    call: () => ({ method: 'get', path: '/v1/info' }),
    expect: SIGNED_IN,
  },
  GetGoldenPathDrift: {
    call: () => ({ method: 'get', path: '/v1/golden-paths/drift' }),
    expect: SIGNED_IN,
  },
  ListSurveys: {
    call: () => ({ method: 'get', path: '/v1/surveys' }),
    expect: SIGNED_IN,
  },
  AnswerSurvey: {
    call: () => ({
      method: 'post',
      path: '/v1/surveys/default/svc-a-nps/answers',
      body: { score: 9 },
    }),
    // People answer; a service token cannot.
    expect: SIGNED_IN,
  },
  GetSurveyResults: {
    call: () => ({
      method: 'get',
      path: '/v1/surveys/default/svc-a-nps/results',
    }),
    expect: OWNERS,
  },
  ExportSurveyResults: {
    call: () => ({
      method: 'get',
      path: '/v1/surveys/default/svc-a-nps/results/csv',
    }),
    expect: OWNERS,
  },
  SetSurveyState: {
    call: () => ({
      method: 'put',
      path: '/v1/surveys/default/svc-a-nps/state',
      body: { open: true },
    }),
    expect: OWNERS,
  },
  GetSurveyResultsBySubject: {
    call: () => ({
      method: 'get',
      path: `/v1/survey-results?subject=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
    // The list holds only the surveys the caller may read the results of.
    check: (role, body) => {
      const wanted = role === 'owner' || role === 'admin' ? 1 : 0;
      return body.items.length === wanted
        ? undefined
        : `${body.items.length} survey(s), expected ${wanted}`;
    },
  },
  ListDeployments: {
    call: () => ({
      method: 'get',
      path: `/v1/deployments?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
    check: (_role, body) =>
      body.items.length >= 2 ? undefined : `${body.items.length} deployment(s)`,
  },
  ListPreviews: {
    call: () => ({
      method: 'get',
      path: `/v1/previews?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
    check: (_role, body) =>
      Array.isArray(body.items) ? undefined : 'no items array',
  },
  RecordDeployment: {
    call: ({ role }) => ({
      method: 'post',
      path: '/v1/deployments',
      body: {
        entityRef: SVC_A,
        externalId: `matrix-${role}`,
        environment: 'staging',
        status: 'success',
      },
    }),
    // CI records deployments: the one thing its token is for.
    expect: { ...OWNERS, ci: 200 },
  },
  GetDeployment: {
    call: ({ ledgerId }) => ({
      method: 'get',
      path: `/v1/deployments/${ledgerId}`,
    }),
    expect: SIGNED_IN,
  },
  GetDeploymentLogs: {
    call: ({ ledgerId }) => ({
      method: 'get',
      path: `/v1/deployments/${ledgerId}/logs`,
    }),
    expect: OWNERS,
  },
  ListIncidents: {
    call: () => ({
      method: 'get',
      path: `/v1/incidents?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
  },
  RecordIncident: {
    call: ({ role }) => ({
      method: 'post',
      path: '/v1/incidents',
      body: { entityRef: SVC_A, externalId: `matrix-${role}`, title: 'Slow' },
    }),
    expect: OWNERS,
  },
  GetDoraReport: {
    call: () => ({
      method: 'get',
      path: `/v1/dora?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
  },
  GetDoraOrganisation: {
    call: () => ({ method: 'get', path: '/v1/dora/organisation' }),
    expect: SIGNED_IN,
  },
  // Each section asks its own card's permission; the CI token's
  // restrictions do not cover the report.
  GetPlatformReport: {
    call: () => ({
      method: 'get',
      path: `/v1/report?month=${new Date().toISOString().slice(0, 7)}`,
    }),
    expect: SIGNED_IN,
  },
  // Signed, not a Backstage credential: a token changes nothing.
  ReceiveWebhook: {
    call: () => ({
      method: 'post',
      path: '/v1/webhooks/generic',
      body: { entityRef: SVC_A },
    }),
    expect: {
      none: 401,
      member: 401,
      owner: 401,
      nonOwner: 401,
      admin: 401,
      ci: 401,
    },
  },
  CreateOrchestratorProject: {
    call: () => ({
      method: 'post',
      path: '/v1/orchestrators/memory/projects',
      body: {
        entityRef: SVC_A,
        projectId: 'svc-a',
        environments: [{ id: 'development', type: 'development' }],
      },
    }),
    expect: OWNERS,
  },
  ListOrchestratorEnvironments: {
    call: () => ({
      method: 'get',
      path: `/v1/orchestrators/memory/projects/svc-a/environments?entity=${encodeURIComponent(
        SVC_A,
      )}`,
    }),
    expect: SIGNED_IN,
  },
  DeployThroughOrchestrator: {
    call: () => ({
      method: 'post',
      path: '/v1/orchestrators/memory/deployments',
      body: {
        entityRef: SVC_A,
        projectId: 'svc-a',
        environmentId: 'development',
        workload: WORKLOAD,
      },
    }),
    expect: OWNERS,
  },
  GetAdoption: {
    call: () => ({ method: 'get', path: '/v1/adoption' }),
    expect: SIGNED_IN,
  },
  RefreshAdoption: {
    call: () => ({ method: 'post', path: '/v1/adoption/refresh', body: {} }),
    expect: { ...OWNERS, owner: 403 },
  },
  GetEntityScores: {
    call: () => ({
      method: 'get',
      path: `/v1/adoption/scores?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
  },
  // Everyone signed in reads the roadmap items the catalog shows them.
  GetRoadmap: {
    call: () => ({ method: 'get', path: '/v1/roadmap' }),
    expect: SIGNED_IN,
    check: (_role, body) =>
      body.now?.some((i: any) => i.ref === 'roadmapitem:default/svc-a-faster')
        ? undefined
        : `svc-a-faster missing from ${JSON.stringify(body)}`,
  },
  GetRoadmapItem: {
    call: () => ({ method: 'get', path: '/v1/roadmap/default/svc-a-faster' }),
    expect: SIGNED_IN,
  },
  GetEntitySlos: {
    call: () => ({
      method: 'get',
      path: `/v1/slos?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
  },
  // Decided on catalog.entity.read; every part is then decided on its own
  // Paved read, which the policy answers like the catalog's read.
  GetEntitySummary: {
    call: () => ({
      method: 'get',
      path: `/v1/entity-summary?entity=${encodeURIComponent(SVC_A)}`,
    }),
    expect: SIGNED_IN,
    check: (_role, body) => {
      const refused = ['dora', 'scores', 'deployments', 'incidents'].filter(
        part => !body[part] || body[part].notAllowed,
      );
      if (refused.length) return `parts refused: ${refused.join(', ')}`;
      return body.deployments.items.length >= 1
        ? undefined
        : 'no deployments in the summary';
    },
  },
  ListFeedbackRequests: {
    call: () => ({ method: 'get', path: '/v1/feedback/requests' }),
    expect: SIGNED_IN,
  },
  SubmitFeedbackRequest: {
    call: ({ role }) => ({
      method: 'post',
      path: '/v1/feedback/requests',
      body: { title: `From ${role}`, description: 'd', entityRef: SVC_A },
    }),
    // People submit; a service token cannot.
    expect: SIGNED_IN,
  },
  CreateFeedbackFromSurvey: {
    call: () => ({
      method: 'post',
      path: '/v1/feedback/requests/from-survey',
      body: {
        survey: 'svc-a-nps',
        period: '2026-Q4',
        comment: 'Not a released comment',
        title: 'From the survey',
      },
    }),
    // The admin gets past the decision; the comment was never released.
    expect: { ...OWNERS, owner: 403, admin: 400 },
  },
  GetFeedbackRequest: {
    call: ({ feedbackId }) => ({
      method: 'get',
      path: `/v1/feedback/requests/${feedbackId}`,
    }),
    expect: SIGNED_IN,
  },
  VoteFeedbackRequest: {
    call: ({ feedbackId }) => ({
      method: 'post',
      path: `/v1/feedback/requests/${feedbackId}/vote`,
    }),
    expect: SIGNED_IN,
  },
  UnvoteFeedbackRequest: {
    call: ({ feedbackId }) => ({
      method: 'delete',
      path: `/v1/feedback/requests/${feedbackId}/vote`,
    }),
    expect: SIGNED_IN,
  },
  CommentFeedbackRequest: {
    call: ({ feedbackId }) => ({
      method: 'post',
      path: `/v1/feedback/requests/${feedbackId}/comments`,
      body: { body: 'Me too' },
    }),
    expect: SIGNED_IN,
  },
  TriageFeedbackRequest: {
    call: ({ feedbackId }) => ({
      method: 'post',
      path: `/v1/feedback/requests/${feedbackId}/triage`,
      body: { status: 'under_review', themes: ['ci'] },
    }),
    // Admins only, owners of the entity included.
    expect: { ...OWNERS, owner: 403 },
  },
  MergeFeedbackRequest: {
    call: ({ feedbackId, duplicateFeedbackId }) => ({
      method: 'post',
      path: `/v1/feedback/requests/${duplicateFeedbackId}/merge`,
      body: { into: feedbackId },
    }),
    expect: { ...OWNERS, owner: 403 },
  },
  RecordPageViews: {
    call: () => ({
      method: 'post',
      path: '/v1/analytics/page-views',
      body: { events: [{ pluginId: 'paved' }] },
    }),
    expect: SIGNED_IN,
  },
};

/** The operations of the OpenAPI document. */
function specOperations() {
  const doc = YAML.parse(
    readFileSync(join(__dirname, 'schema/openapi.yaml'), 'utf8'),
  );
  const operations: Array<{
    operationId: string;
    method: string;
    path: string;
    permission?: string;
  }> = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      const op = item[method];
      if (!op) continue;
      operations.push({
        operationId: op.operationId,
        method,
        // Express path templates: /v1/deployments/:id
        path: path.replace(/\{([^}]+)\}/g, ':$1'),
        permission: op['x-paved-permission']?.name,
      });
    }
  }
  return operations;
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const onPostgres = databases.eachSupportedId().length
  ? describe
  : describe.skip;

describe('the permission matrix', () => {
  const operations = specOperations();

  it('has a row for every operation of the OpenAPI document, and no other', () => {
    expect(Object.keys(ROWS).sort()).toEqual(
      operations.map(o => o.operationId).sort(),
    );
  });

  onPostgres('on PostgreSQL with the Paved policy', () => {
    let server: any;
    let ledgerId: string;
    let feedbackId: string;
    let duplicateFeedbackId: string;

    beforeAll(async () => {
      mockMounted.length = 0;
      const knex = await databases.init('POSTGRES_15');
      ({ server, ledgerId, feedbackId, duplicateFeedbackId } =
        await startMatrixBackend({ knex }));
    });

    it('mounts every operation through the guard, which carries its decision', () => {
      const problems: string[] = [];
      for (const op of operations) {
        if (op.operationId === 'ReceiveWebhook') continue; // signed router
        const mounted = mockMounted.filter(
          m => m.method === op.method && m.path === op.path,
        );
        const rule: RouteRule | undefined =
          mounted.length === 1 && mounted[0].handlers.length === 1
            ? mounted[0].handlers[0][ROUTE_RULE]
            : undefined;
        if (!rule) {
          problems.push(`${op.operationId}: no single guarded handler`);
          continue;
        }
        if (rule.permission.name !== op.permission) {
          problems.push(
            `${op.operationId}: asks ${rule.permission.name}, the document says ${op.permission}`,
          );
        }
        // Only the info route may lack a decision about catalog entities.
        if (
          op.operationId !== 'GetInfo' &&
          !isResourcePermission(rule.permission, 'catalog-entity')
        ) {
          problems.push(`${op.operationId}: not a resource-scoped decision`);
        }
      }
      expect(mockMounted.map(m => `${m.method} ${m.path}`).sort()).toEqual(
        operations
          .filter(o => o.operationId !== 'ReceiveWebhook')
          .map(o => `${o.method} ${o.path}`)
          .sort(),
      );
      expect(problems).toEqual([]);
    });

    it('answers every operation for every kind of caller as the matrix says', async () => {
      const mismatches: string[] = [];
      for (const role of ROLES) {
        for (const op of operations) {
          const row = ROWS[op.operationId];
          const { method, path, body } = row.call({
            ledgerId,
            feedbackId,
            duplicateFeedbackId,
            role,
          });
          let req = request(server)[method](`/api/paved${path}`);
          const header = headerOf(role);
          if (header) req = req.set('Authorization', header);
          const res = await (body === undefined ? req : req.send(body as any));
          const wanted = row.expect[role];
          if (res.status !== wanted) {
            mismatches.push(
              `${op.operationId} as ${role}: ${
                res.status
              }, expected ${wanted} (${res.body?.error?.message ?? ''})`,
            );
          } else if (res.status === 200 && row.check) {
            const problem = row.check(role, res.body);
            if (problem)
              mismatches.push(`${op.operationId} as ${role}: ${problem}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it("refuses a project that is not the entity's own", async () => {
      const res = await request(server)
        .post('/api/paved/v1/orchestrators/memory/projects')
        .set('Authorization', headerOf('owner')!)
        .send({ entityRef: SVC_A, projectId: 'svc-b' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        "Project 'svc-b' is not the orchestrator project of component:default/svc-a (its annotations name 'svc-a')",
      );
    });

    it('lets only production deployers who own the entity, and admins, deploy to production', async () => {
      const deploy = (who: keyof typeof USERS) =>
        request(server)
          .post('/api/paved/v1/orchestrators/memory/deployments')
          .set('Authorization', headerOf(who)!)
          .send({
            entityRef: SVC_A,
            projectId: 'svc-a',
            environmentId: 'live',
            workload: WORKLOAD,
          });
      const owner = await deploy('owner');
      expect(owner.status).toBe(403);
      expect(owner.body.error.message).toBe(
        'Not allowed: paved.orchestrator.deploy.production',
      );
      expect((await deploy('outsideDeployer')).status).toBe(403);
      expect((await deploy('deployer')).status).toBe(200);
      expect((await deploy('admin')).status).toBe(200);
    });

    it('decides a record named by its subject on the entity claiming it', async () => {
      const record = (who: Role, subject: string) =>
        request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', headerOf(who)!)
          .send({
            subject,
            externalId: `subject-${who}-${subject}`,
            environment: 'staging',
            status: 'success',
          });
      expect(
        (await record('owner', 'github.com/project-slug=acme/svc-a')).status,
      ).toBe(200);
      expect(
        (await record('nonOwner', 'github.com/project-slug=acme/svc-a')).status,
      ).toBe(403);
      // Nobody claims it: only an unconditional allow records it.
      expect(
        (await record('owner', 'github.com/project-slug=acme/nobody')).status,
      ).toBe(403);
      expect(
        (await record('admin', 'github.com/project-slug=acme/nobody')).status,
      ).toBe(200);
    });
  });

  onPostgres(
    'on PostgreSQL when the catalog shows each caller only what their team owns',
    () => {
      let server: any;

      // A site policy: catalog reads limited to the entities the caller's
      // direct groups own. Paved's reads follow it.
      const ownTeamOnly: PermissionPolicy = {
        async handle({ permission }, user) {
          if (!user) return { result: AuthorizeResult.DENY };
          if (permission.name !== catalogEntityReadPermission.name) {
            return { result: AuthorizeResult.ALLOW };
          }
          return createCatalogConditionalDecision(
            catalogEntityReadPermission,
            catalogConditions.isEntityOwner({
              claims: user.info.ownershipEntityRefs,
            }),
          );
        },
      };

      beforeAll(async () => {
        const knex = await databases.init('POSTGRES_15');
        ({ server } = await startMatrixBackend({
          knex,
          basePolicy: ownTeamOnly,
        }));
      });

      const get = (path: string, who: Role = 'nonOwner') =>
        request(server)
          .get(`/api/paved${path}`)
          .set('Authorization', headerOf(who)!);

      it('lists and aggregates only what the caller may see', async () => {
        const deployments = await get('/v1/deployments');
        expect(deployments.status).toBe(200);
        expect(
          new Set(deployments.body.items.map((d: any) => d.entityRef)),
        ).toEqual(new Set(['component:default/svc-b']));

        const incidents = await get('/v1/incidents');
        expect(incidents.body.items.map((i: any) => i.entityRef)).toEqual([
          'component:default/svc-b',
        ]);

        const organisation = await get('/v1/dora/organisation');
        expect(organisation.status).toBe(200);
        const text = JSON.stringify(organisation.body);
        expect(text).toContain('component:default/svc-b');
        expect(text).not.toContain('svc-a');
        expect(organisation.body.organisation.entityCount).toBe(1);

        const team = await get(
          `/v1/dora?group=${encodeURIComponent('group:default/team-a')}`,
        );
        expect(team.status).toBe(200);
        expect(team.body.entityCount).toBe(0);

        const surveys = await get('/v1/surveys');
        expect(surveys.body.items).toEqual([]);

        const adoption = await get('/v1/adoption');
        expect(adoption.status).toBe(200);
        expect(adoption.body.history).toEqual([]);
        expect(JSON.stringify(adoption.body)).not.toContain('svc-a');
      });

      it('refuses what concerns an entity the catalog hides from the caller', async () => {
        const svcA = encodeURIComponent(SVC_A);
        expect((await get(`/v1/deployments?entity=${svcA}`)).status).toBe(403);
        expect((await get(`/v1/dora?entity=${svcA}`)).status).toBe(403);
        expect((await get(`/v1/slos?entity=${svcA}`)).status).toBe(403);
        // Feedback about svc-b, hidden from team-a: not listed, not
        // readable, not votable.
        const teamB = await get('/v1/feedback/requests');
        expect(teamB.body.items).toHaveLength(2);
        const [{ id }] = teamB.body.items;
        const feedback = await get('/v1/feedback/requests', 'owner');
        expect(feedback.status).toBe(200);
        expect(feedback.body.items).toEqual([]);
        expect((await get(`/v1/feedback/requests/${id}`, 'owner')).status).toBe(
          403,
        );
        expect(
          (
            await request(server)
              .post(`/api/paved/v1/feedback/requests/${id}/vote`)
              .set('Authorization', headerOf('owner')!)
          ).status,
        ).toBe(403);
        expect(
          (
            await get(
              `/v1/deployments?entity=${encodeURIComponent(
                'component:default/svc-b',
              )}`,
            )
          ).status,
        ).toBe(200);
      });
    },
  );
});
