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
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ExampleOrchestratorProvider } from '@paved/plugin-paved-backend-module-example-provider';
import { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { orchestratorModule } from '../orchestrators/__testUtils__/orchestratorModule';
import { pavedPlugin } from '../plugin';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const GITHUB_SECRET = 'gh-preview-secret';
const GITLAB_TOKEN = 'gl-preview-token';
const SHA1 = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
const SHA2 = 'c3d0be41ecbe669545ee3e94d31ed9a4bc91ee3c';
const GL_SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/team-a',
    lifecycle: 'production',
  },
});

const checkout = component('checkout', {
  'github.com/project-slug': 'acme/checkout',
  'paved.dev/score-file':
    'https://github.com/acme/checkout/blob/main/score.yaml',
  'paved.dev/orchestrator-project': 'checkout',
});
const billing = component('billing', {
  'gitlab.com/project-slug': 'acme/platform/billing',
  'paved.dev/score-file':
    'https://gitlab.com/acme/platform/billing/-/blob/main/score.yaml',
  'paved.dev/orchestrator-project': 'billing',
});
// No Score file: its pull requests get no preview.
const docsSite = component('docs-site', {
  'github.com/project-slug': 'acme/docs-site',
});

const score = (name: string, image: string) => `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
containers:
  main:
    image: ${image}
service:
  ports:
    http:
      port: 8080
`;

/** GitHub's REST API as the preview reporter and the URL reader use it. */
type GithubCall = { method: string; path: string; body?: any };
const githubCalls: GithubCall[] = [];
/**
 * A write without the integration's token or GitHub's media type is
 * refused, and so missing from githubCalls (which the tests compare).
 */
const unauthorised = (req: Request) =>
  req.headers.get('authorization') !== 'Bearer gh-integration-token' ||
  req.headers.get('accept') !== 'application/vnd.github+json'
    ? HttpResponse.json({ message: 'Bad credentials' }, { status: 401 })
    : undefined;
let nextDeploymentId = 1000;
/** GitLab commit statuses as the API keeps them: `project@sha name` → state. */
const gitlabStatuses = new Map<string, string>();
const gitlabCalls: GithubCall[] = [];
const mswServer = setupServer(
  // GitLab's commit status API, which refuses to set the state a status
  // already has, as GitLab does.
  http.post(
    'https://gitlab.com/api/v4/projects/:project/statuses/:sha',
    async ({ request: req, params }) => {
      if (req.headers.get('authorization') !== 'Bearer gl-integration-token') {
        return HttpResponse.json(
          { message: '401 Unauthorized' },
          { status: 401 },
        );
      }
      const body = (await req.json()) as any;
      const key = `${params.project}@${params.sha} ${body.name}`;
      const current = gitlabStatuses.get(key);
      if (current === body.state) {
        return HttpResponse.json(
          {
            message: `Cannot transition status via :${body.state} from :${current}`,
          },
          { status: 400 },
        );
      }
      gitlabStatuses.set(key, body.state);
      gitlabCalls.push({
        method: 'POST',
        // As sent: GitLab takes the project's path URL-encoded.
        path: new URL(req.url).pathname.replace('/api/v4/projects/', ''),
        body,
      });
      return HttpResponse.json(
        { id: gitlabCalls.length, status: body.state, name: body.name },
        { status: 201 },
      );
    },
  ),
  // The GitHub URL reader fetches a file at a commit through the contents API.
  http.get(
    'https://api.github.com/repos/acme/checkout/contents/score.yaml',
    ({ request: req }) => {
      const ref = new URL(req.url).searchParams.get('ref');
      githubCalls.push({ method: 'GET', path: `contents/score.yaml@${ref}` });
      const image =
        ref === SHA2
          ? 'ghcr.io/acme/checkout:pr-7-2'
          : 'ghcr.io/acme/checkout:pr-7-1';
      return ref === SHA1 || ref === SHA2
        ? new HttpResponse(score('checkout', image), { status: 200 })
        : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    },
  ),
  http.get(
    'https://gitlab.com/api/v4/projects/acme%2Fplatform%2Fbilling/repository/files/score.yaml/raw',
    ({ request: req }) => {
      const ref = new URL(req.url).searchParams.get('ref');
      return ref === GL_SHA
        ? new HttpResponse(
            score('billing', 'registry.gitlab.com/acme/billing:mr-12'),
          )
        : HttpResponse.json({ message: '404 File Not Found' }, { status: 404 });
    },
  ),
  http.post(
    'https://api.github.com/repos/:owner/:repo/deployments',
    async ({ request: req, params }) => {
      const refused = unauthorised(req);
      if (refused) return refused;
      const body = await req.json();
      githubCalls.push({
        method: 'POST',
        path: `${params.owner}/${params.repo}/deployments`,
        body,
      });
      return HttpResponse.json(
        {
          id: nextDeploymentId++,
          sha: (body as any).ref,
          environment: (body as any).environment,
        },
        { status: 201 },
      );
    },
  ),
  http.post(
    'https://api.github.com/repos/:owner/:repo/deployments/:id/statuses',
    async ({ request: req, params }) => {
      const refused = unauthorised(req);
      if (refused) return refused;
      const body = await req.json();
      githubCalls.push({
        method: 'POST',
        path: `${params.owner}/${params.repo}/deployments/${params.id}/statuses`,
        body,
      });
      return HttpResponse.json(
        { id: 1, state: (body as any).state },
        { status: 201 },
      );
    },
  ),
);

beforeAll(() => mswServer.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => mswServer.close());
jest.setTimeout(60_000);

function prPayload(overrides: {
  action: string;
  number?: number;
  sha?: string;
  updatedAt: string;
  repo?: string;
}) {
  const body = fixture('github-pull_request-opened.json');
  const number = overrides.number ?? 7;
  const repo = overrides.repo ?? 'acme/checkout';
  body.action = overrides.action;
  body.number = number;
  body.pull_request.number = number;
  body.pull_request.html_url = `https://github.com/${repo}/pull/${number}`;
  body.pull_request.head.sha = overrides.sha ?? SHA1;
  body.pull_request.updated_at = overrides.updatedAt;
  body.repository.full_name = repo;
  if (overrides.action === 'closed') {
    body.pull_request.state = 'closed';
    body.pull_request.merged = true;
  }
  return JSON.stringify(body);
}

function postGithub(
  server: any,
  body: string,
  delivery: string = randomUUID(),
) {
  return request(server)
    .post('/api/paved/v1/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', 'pull_request')
    .set('X-GitHub-Delivery', delivery)
    .set(
      'X-Hub-Signature-256',
      `sha256=${createHmac('sha256', GITHUB_SECRET)
        .update(body)
        .digest('hex')}`,
    )
    .send(body);
}

async function start(
  knex: Knex,
  provider: ExampleOrchestratorProvider,
  previews: object = {},
  dora: object = {},
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      orchestratorModule([provider], 'example'),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [checkout, billing, docsSite] }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [{ host: 'github.com', token: 'gh-integration-token' }],
            gitlab: [{ host: 'gitlab.com', token: 'gl-integration-token' }],
          },
          paved: {
            dora,
            webhooks: {
              github: { secret: GITHUB_SECRET },
              gitlab: { secret: GITLAB_TOKEN },
            },
            previews: {
              // The scheduled runs stay out of the way; webhooks kick the work.
              schedule: { frequency: { hours: 1 }, initialDelay: { hours: 1 } },
              ...previews,
            },
          },
        },
      }),
    ],
  });
  return server;
}

/** Waits until every preview reached a settled state. */
async function settled(knex: Knex) {
  for (let i = 0; i < 400; i++) {
    const [{ n: pendingDeliveries }] = await knex('paved_webhook_deliveries')
      .where({ status: 'pending' })
      .count({ n: '*' });
    const busy = await knex('paved_previews')
      .where(w =>
        w
          .where(a =>
            a
              .where('desired', 'active')
              .whereIn('state', ['pending', 'deploying']),
          )
          .orWhere(c =>
            c.where('desired', 'closed').whereNot('state', 'deleted'),
          ),
      )
      .orWhereNotNull('lease_owner');
    if (Number(pendingDeliveries) === 0 && busy.length === 0) return;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('previews did not settle');
}

async function previewsOf(server: any, entity: string) {
  const res = await request(server)
    .get(`/api/paved/v1/previews?entity=${encodeURIComponent(entity)}`)
    .expect(200);
  return res.body.items;
}

describe('preview environments', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      githubCalls.length = 0;
      nextDeploymentId = 1000;
    });

    it('deploys a pull request to pr-<n>, reports it to GitHub, and removes it on close', async () => {
      const provider = new ExampleOrchestratorProvider({
        environmentUrlTemplate: 'https://{environment}.{project}.preview.test',
      });
      const server = await start(knex, provider);

      await postGithub(
        server,
        prPayload({ action: 'opened', updatedAt: '2026-12-01T09:00:00Z' }),
        'delivery-opened',
      ).expect(202);
      await settled(knex);

      // The environment exists and runs the Score workload of the head commit.
      const [environment] = await provider.listEnvironments('checkout');
      expect(environment).toMatchObject({
        id: 'pr-7',
        type: 'development',
        production: false,
      });
      const [deployment] = await provider.listDeployments({
        projectId: 'checkout',
      });
      expect(deployment.environmentId).toBe('pr-7');
      expect(provider.workloadOf(deployment.id)?.containers.main.image).toBe(
        'ghcr.io/acme/checkout:pr-7-1',
      );

      const [preview] = await previewsOf(server, 'component:default/checkout');
      expect(preview).toMatchObject({
        scm: 'github',
        repository: 'acme/checkout',
        number: 7,
        title: 'Retry payment capture on timeout',
        state: 'active',
        desired: 'active',
        environmentId: 'pr-7',
        environmentUrl: 'https://pr-7.checkout.preview.test',
        providerId: 'example',
        projectId: 'checkout',
        headSha: SHA1,
        deployedSha: SHA1,
      });
      expect(preview.reportId).toBeUndefined();

      // GitHub got a transient, non-production deployment of the head
      // commit and its statuses, in this order.
      expect(githubCalls).toEqual([
        {
          method: 'POST',
          path: 'acme/checkout/deployments',
          body: {
            ref: SHA1,
            environment: 'pr-7',
            description: 'Paved preview of pull request #7',
            auto_merge: false,
            required_contexts: [],
            transient_environment: true,
            production_environment: false,
          },
        },
        {
          method: 'POST',
          path: 'acme/checkout/deployments/1000/statuses',
          body: {
            state: 'in_progress',
            environment: 'pr-7',
            description: 'Deploying 6dcb09b to pr-7',
          },
        },
        { method: 'GET', path: `contents/score.yaml@${SHA1}` },
        {
          method: 'POST',
          path: 'acme/checkout/deployments/1000/statuses',
          body: {
            state: 'success',
            environment: 'pr-7',
            description: 'Preview of 6dcb09b is live',
            environment_url: 'https://pr-7.checkout.preview.test',
          },
        },
      ]);

      // The ledger holds the preview deployment, never as production.
      const ledger = await knex('paved_deployments').select();
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({
        source: 'orchestrator:example',
        external_id: deployment.id,
        entity_ref: 'component:default/checkout',
        environment: 'pr-7',
        commit_sha: SHA1,
        status: 'success',
      });
      expect(Boolean(ledger[0].is_production)).toBe(false);

      // A redelivery (same delivery id) and a resent event (new id, same
      // content) change nothing: no new deployment, no new GitHub calls.
      const again = await postGithub(
        server,
        prPayload({ action: 'opened', updatedAt: '2026-12-01T09:00:00Z' }),
        'delivery-opened',
      ).expect(202);
      expect(again.body.duplicate).toBe(true);
      await postGithub(
        server,
        prPayload({ action: 'reopened', updatedAt: '2026-12-01T08:00:00Z' }),
      ).expect(202);
      await settled(knex);
      expect(await provider.listDeployments({})).toHaveLength(1);
      expect(githubCalls).toHaveLength(4);

      // A push deploys the new head to the same environment.
      githubCalls.length = 0;
      await postGithub(
        server,
        prPayload({
          action: 'synchronize',
          sha: SHA2,
          updatedAt: '2026-12-01T10:00:00Z',
        }),
      ).expect(202);
      await settled(knex);
      const deployments = await provider.listDeployments({
        environmentId: 'pr-7',
      });
      expect(deployments).toHaveLength(2);
      expect(
        provider.workloadOf(deployments[0].id)?.containers.main.image,
      ).toBe('ghcr.io/acme/checkout:pr-7-2');
      expect(
        githubCalls.map(c => [c.path, c.body?.state ?? c.body?.ref]),
      ).toEqual([
        ['acme/checkout/deployments', SHA2],
        ['acme/checkout/deployments/1001/statuses', 'in_progress'],
        [`contents/score.yaml@${SHA2}`, undefined],
        ['acme/checkout/deployments/1001/statuses', 'success'],
      ]);

      // Merged: the environment is deleted and the deployment marked inactive.
      githubCalls.length = 0;
      await postGithub(
        server,
        prPayload({
          action: 'closed',
          sha: SHA2,
          updatedAt: '2026-12-01T11:00:00Z',
        }),
      ).expect(202);
      await settled(knex);
      expect(await provider.listEnvironments('checkout')).toEqual([]);
      expect(githubCalls).toEqual([
        {
          method: 'POST',
          path: 'acme/checkout/deployments/1001/statuses',
          body: {
            state: 'inactive',
            environment: 'pr-7',
            description: 'Environment pr-7 deleted',
          },
        },
      ]);
      expect(await previewsOf(server, 'component:default/checkout')).toEqual([
        expect.objectContaining({ state: 'deleted', desired: 'closed' }),
      ]);

      // A late synchronize (older than the close) does not bring it back.
      await postGithub(
        server,
        prPayload({
          action: 'synchronize',
          sha: SHA1,
          updatedAt: '2026-12-01T10:30:00Z',
        }),
      ).expect(202);
      await settled(knex);
      expect(await provider.listEnvironments('checkout')).toEqual([]);
    });

    it('refuses previews beyond the per-project limit, with the reason on the pull request', async () => {
      const provider = new ExampleOrchestratorProvider();
      const server = await start(knex, provider, { maxPerProject: 1 });
      await postGithub(
        server,
        prPayload({
          action: 'opened',
          number: 1,
          updatedAt: '2026-12-01T09:00:00Z',
        }),
      ).expect(202);
      await settled(knex);
      githubCalls.length = 0;
      await postGithub(
        server,
        prPayload({
          action: 'opened',
          number: 2,
          updatedAt: '2026-12-01T09:05:00Z',
        }),
      ).expect(202);
      await settled(knex);

      expect(
        (await provider.listEnvironments('checkout')).map(e => e.id),
      ).toEqual(['pr-1']);
      const reason =
        'Preview limit reached: project checkout already has 1 of 1 previews (paved.previews.maxPerProject); close a pull request or raise the limit';
      expect(await previewsOf(server, 'component:default/checkout')).toEqual([
        expect.objectContaining({ number: 2, state: 'refused', reason }),
        expect.objectContaining({ number: 1, state: 'active' }),
      ]);
      expect(githubCalls).toEqual([
        expect.objectContaining({ path: 'acme/checkout/deployments' }),
        {
          method: 'POST',
          path: 'acme/checkout/deployments/1001/statuses',
          body: {
            state: 'failure',
            environment: 'pr-2',
            description: reason,
          },
        },
      ]);
    });

    it('previews GitLab merge requests and skips repositories without a Score file', async () => {
      const provider = new ExampleOrchestratorProvider();
      const server = await start(knex, provider);
      gitlabStatuses.clear();
      gitlabCalls.length = 0;
      const postGitlab = (body: unknown) =>
        request(server)
          .post('/api/paved/v1/webhooks/gitlab')
          .set('Content-Type', 'application/json')
          .set('X-Gitlab-Event', 'Merge Request Hook')
          .set('X-Gitlab-Event-UUID', randomUUID())
          .set('X-Gitlab-Token', GITLAB_TOKEN)
          .send(JSON.stringify(body))
          .expect(202);
      const opened = fixture('gitlab-merge-request-hook.json');
      await postGitlab(opened);
      await postGithub(
        server,
        prPayload({
          action: 'opened',
          repo: 'acme/docs-site',
          updatedAt: '2026-12-01T09:00:00Z',
        }),
      ).expect(202);
      await settled(knex);

      expect(await previewsOf(server, 'component:default/billing')).toEqual([
        expect.objectContaining({
          scm: 'gitlab',
          number: 12,
          state: 'active',
          environmentId: 'pr-12',
          environmentUrl: 'http://pr-12.billing.localhost',
        }),
      ]);
      const [skipped] = await knex('paved_previews').where({
        repository: 'acme/docs-site',
      });
      expect(skipped).toMatchObject({
        state: 'skipped',
        reason:
          'No component of github.com/project-slug: acme/docs-site has both a Score file (paved.dev/score-file) and an orchestrator project a registered provider manages',
      });
      // Nothing reported for a repository Paved does not preview.
      expect(
        githubCalls.filter(c => c.path.startsWith('acme/docs-site')),
      ).toEqual([]);

      // The merge request hears of its preview as a commit status on the
      // head commit, with the environment's URL.
      const statusPath = `acme%2Fplatform%2Fbilling/statuses/${GL_SHA}`;
      expect(gitlabCalls.map(c => [c.path, c.body])).toEqual([
        [
          statusPath,
          expect.objectContaining({
            state: 'running',
            name: 'paved/preview',
          }),
        ],
        [
          statusPath,
          expect.objectContaining({
            state: 'success',
            name: 'paved/preview',
            target_url: 'http://pr-12.billing.localhost',
          }),
        ],
      ]);

      // Merged: the environment goes and the status says so.
      const merged = fixture('gitlab-merge-request-hook.json');
      merged.object_attributes.action = 'merge';
      merged.object_attributes.state = 'merged';
      merged.object_attributes.updated_at = '2026-12-01 10:00:00 UTC';
      await postGitlab(merged);
      await settled(knex);
      expect(await previewsOf(server, 'component:default/billing')).toEqual([
        expect.objectContaining({ number: 12, state: 'deleted' }),
      ]);
      expect(gitlabCalls.map(c => c.body.state)).toEqual([
        'running',
        'success',
        'canceled',
      ]);
      expect(
        gitlabStatuses.get(`acme/platform/billing@${GL_SHA} paved/preview`),
      ).toBe('canceled');
    });

    it.each([
      ['the environments orchestrators mark as production', {}],
      [
        'a configured production mapping',
        { productionEnvironments: ['production', 'prod-*'] },
      ],
    ])(
      'never counts a preview as a production deployment in DORA, with %s',
      async (_name, dora) => {
        const provider = new ExampleOrchestratorProvider();
        const server = await start(knex, provider, {}, dora);
        await postGithub(
          server,
          prPayload({ action: 'opened', updatedAt: '2026-12-01T09:00:00Z' }),
        ).expect(202);
        await settled(knex);
        expect(
          await provider.listDeployments({ environmentId: 'pr-7' }),
        ).toHaveLength(1);

        const day = (offset: number) =>
          new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);
        const frequency = async () => {
          const res = await request(server)
            .get('/api/paved/v1/dora')
            .query({ entity: 'checkout', from: day(-1), to: day(1) })
            .set('Authorization', mockCredentials.user.header())
            .expect(200);
          return res.body.metrics.deploymentFrequency.sampleCount;
        };
        expect(await frequency()).toBe(0);

        // A production deployment of the same entity does count: the
        // preview's absence above is not a report that counts nothing.
        await request(server)
          .post('/api/paved/v1/deployments')
          .set('Authorization', mockCredentials.user.header())
          .send({
            entityRef: 'component:default/checkout',
            externalId: 'prod-1',
            environment: 'production',
            production: true,
            status: 'success',
            startedAt: new Date(Date.now() - 60_000).toISOString(),
            finishedAt: new Date().toISOString(),
          })
          .expect(200);
        expect(await frequency()).toBe(1);
      },
    );

    it('refuses a previews request without an entity, naming the parameter', async () => {
      const server = await start(knex, new ExampleOrchestratorProvider());
      const res = await request(server)
        .get('/api/paved/v1/previews')
        .expect(400);
      expect(res.body.error.message).toMatch(/entity/);
    });
  });
});
