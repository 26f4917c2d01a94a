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
import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { pavedPlugin } from '../../plugin';
import { applyDatabaseMigrations } from '../../database';
import { WebhookDeliveryStore } from '..';

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

const secrets = {
  github: 'gh-test-secret',
  gitlab: 'gl-test-token',
  argocd: 'argo-test-token',
  pagerduty: 'pd-test-secret',
  generic: 'ci-test-secret',
};

const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');

const helloWorld: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'hello-world',
    namespace: 'default',
    annotations: { 'github.com/project-slug': 'Codertocat/Hello-World' },
  },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/team-a' },
};

async function start(
  knex: Knex,
  options: { entities?: Entity[]; config?: object; scheduler?: any } = {},
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({
        data: {
          paved: {
            webhooks: Object.fromEntries(
              Object.entries(secrets).map(([k, secret]) => [k, { secret }]),
            ),
            ...options.config,
          },
        },
      }),
      ...(options.scheduler ? [options.scheduler.factory()] : []),
    ],
  });
  return server;
}

/** Waits until no delivery is pending (processing runs in the background). */
async function settled(knex: Knex) {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await knex('paved_webhook_deliveries')
      .where({ status: 'pending' })
      .count({ n: '*' });
    if (Number(n) === 0) return;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('deliveries still pending');
}

function github(
  server: any,
  event: string,
  body: string,
  delivery: string = randomUUID(),
) {
  return request(server)
    .post('/api/paved/v1/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', delivery)
    .set('X-Hub-Signature-256', `sha256=${hmac(secrets.github, body)}`)
    .send(body);
}

function generic(server: any, body: object, delivery: string) {
  const text = JSON.stringify(body);
  return request(server)
    .post('/api/paved/v1/webhooks/generic')
    .set('Content-Type', 'application/json')
    .set('X-Paved-Delivery', delivery)
    .set('X-Paved-Signature-256', `sha256=${hmac(secrets.generic, text)}`)
    .send(text);
}

function argocd(server: any, body: object) {
  return request(server)
    .post('/api/paved/v1/webhooks/argocd')
    .set('Content-Type', 'application/json')
    .set('X-Paved-Token', secrets.argocd)
    .send(JSON.stringify(body));
}

describe('webhook intake', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('ingests GitHub deployment and status events exactly once, in any order', async () => {
      const server = await start(knex, { entities: [helloWorld] });
      const status = fixture('github/deployment_status.json');
      const created = fixture('github/deployment.json');

      // The status (success) arrives before the deployment itself.
      const first = await github(
        server,
        'deployment_status',
        status,
        'd-status',
      );
      expect(first.status).toBe(202);
      expect(first.body).toEqual({
        delivery: 'd-status',
        duplicate: false,
        status: 'pending',
      });
      await github(server, 'deployment', created, 'd-created').expect(202);
      await settled(knex);

      const rows = await knex('paved_deployments').select();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        source: 'github',
        external_id: '145988746',
        subject: 'github.com/project-slug=codertocat/hello-world',
        environment: 'production',
        status: 'success',
        commit_sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
        version: 'master',
        // Created through the REST API, not by a workflow: no run.
        pipeline_run: null,
      });
      expect(Boolean(rows[0].rolled_back)).toBe(false);
      const before = rows[0].updated_at;

      // GitHub redelivers: same delivery id, nothing changes.
      const replay = await github(
        server,
        'deployment_status',
        status,
        'd-status',
      );
      expect(replay.status).toBe(202);
      expect(replay.body).toEqual({
        delivery: 'd-status',
        duplicate: true,
        status: 'processed',
      });
      await settled(knex);
      const after = await knex('paved_deployments').select();
      expect(after).toHaveLength(1);
      expect(after[0].updated_at).toEqual(before);
      expect(await knex('paved_webhook_deliveries').select()).toHaveLength(2);

      // The entity claims the repository, so it sees the deployment.
      const list = await request(server)
        .get('/api/paved/v1/deployments')
        .query({ entity: 'component:default/hello-world' })
        .set('Authorization', mockCredentials.user.header());
      expect(list.body).toEqual({
        items: [expect.objectContaining({ externalId: '145988746' })],
      });
    });

    it('rejects unsigned, tampered and malformed deliveries and keeps the valid ones', async () => {
      const server = await start(knex);
      const body = fixture('github/deployment.json');

      const unsigned = await request(server)
        .post('/api/paved/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment')
        .set('X-GitHub-Delivery', 'u-1')
        .send(body);
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.error.message).toBe(
        'Missing X-Hub-Signature-256 signature header',
      );

      const tamperedBody = body.replace(
        '"environment": "production"',
        '"environment": "staging"',
      );
      expect(tamperedBody).not.toBe(body);
      const tampered = await request(server)
        .post('/api/paved/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment')
        .set('X-GitHub-Delivery', 't-1')
        .set('X-Hub-Signature-256', `sha256=${hmac(secrets.github, body)}`)
        .send(tamperedBody);
      expect(tampered.status).toBe(401);
      expect(tampered.body.error.message).toMatch(/does not match the body/);
      expect(JSON.stringify(tampered.body)).not.toContain(secrets.github);

      const wrongSecret = await request(server)
        .post('/api/paved/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment')
        .set('X-GitHub-Delivery', 'w-1')
        .set('X-Hub-Signature-256', `sha256=${hmac('guess', body)}`)
        .send(body);
      expect(wrongSecret.status).toBe(401);

      const notJson = await github(server, 'deployment', '{"deployment": ');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(/Body is not valid JSON/);

      const missingRepo = await github(
        server,
        'deployment',
        JSON.stringify({ ...JSON.parse(body), repository: undefined }),
      );
      expect(missingRepo.status).toBe(400);
      expect(missingRepo.body.error.message).toBe(
        'Payload has no repository.full_name',
      );

      const noDelivery = await request(server)
        .post('/api/paved/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .set('X-GitHub-Event', 'deployment')
        .set('X-Hub-Signature-256', `sha256=${hmac(secrets.github, body)}`)
        .send(body);
      expect(noDelivery.status).toBe(400);
      expect(noDelivery.body.error.message).toBe(
        'Missing X-GitHub-Delivery header',
      );

      const array = await github(server, 'deployment', '[1,2]');
      expect(array.status).toBe(400);
      expect(array.body.error.message).toBe('Body must be a JSON object');

      // Bad deliveries between good ones lose nothing valid.
      await github(server, 'deployment', body, 'good-1').expect(202);
      await github(
        server,
        'push',
        fixture('github/push.json'),
        'good-2',
      ).expect(202);
      await settled(knex);
      expect(
        await knex('paved_webhook_deliveries')
          .select('delivery_id')
          .orderBy('delivery_id'),
      ).toEqual([{ delivery_id: 'good-1' }, { delivery_id: 'good-2' }]);
      expect(await knex('paved_deployments').select()).toHaveLength(1);
      // The commit the deployment shipped ...
      expect(
        await knex('paved_changes')
          .orderBy('sha')
          .select('sha', 'author', 'subject'),
      ).toEqual([
        {
          sha: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
          author: null,
          subject: 'github.com/project-slug=codertocat/hello-world',
        },
      ]);
      // ... and the push, in the repository's history (the new branch
      // came with one commit).
      const pushes = await knex('paved_pushes as p')
        .join('paved_push_commits as c', 'c.push_id', 'p.id')
        .select(
          'p.subject',
          'p.ref',
          'p.forced',
          'p.complete',
          'c.sha',
          'c.author',
          'c.message',
        );
      expect(
        pushes.map(p => ({
          ...p,
          forced: Boolean(p.forced),
          complete: Boolean(p.complete),
        })),
      ).toEqual([
        {
          subject: 'github.com/project-slug=codertocat/hello-world',
          ref: 'refs/heads/master',
          forced: false,
          complete: true,
          sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
          author: 'Codertocat',
          message: 'Initial commit',
        },
      ]);

      // GitHub's form encoding carries the same JSON in a payload field.
      const form = `payload=${encodeURIComponent(
        fixture('github/push-tag-deleted.json'),
      )}`;
      const formRes = await request(server)
        .post('/api/paved/v1/webhooks/github')
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .set('X-GitHub-Event', 'push')
        .set('X-GitHub-Delivery', 'form-1')
        .set('X-Hub-Signature-256', `sha256=${hmac(secrets.github, form)}`)
        .send(form);
      expect(formRes.status).toBe(202);
      await settled(knex);
      expect(
        await knex('paved_webhook_deliveries')
          .where({ delivery_id: 'form-1' })
          .first('status', 'result'),
      ).toEqual({
        status: 'ignored',
        result: 'push without commits (e.g. a deleted ref)',
      });
    });

    it('records issues with an incident label as incidents', async () => {
      const plain = await start(knex);
      await github(
        plain,
        'issues',
        fixture('github/issues-labeled.json'),
        'i-1',
      ).expect(202);
      await settled(knex);
      expect(await knex('paved_incidents').select()).toEqual([]);
      expect(
        await knex('paved_webhook_deliveries')
          .where({ delivery_id: 'i-1' })
          .first('status'),
      ).toEqual({ status: 'ignored' });

      // The example issue is labelled "bug"; a portal configured to treat
      // "bug" as an incident label records it.
      const bugs = await start(knex, {
        config: {
          webhooks: {
            github: { secret: secrets.github, incidentLabels: ['bug'] },
          },
        },
      });
      await github(
        bugs,
        'issues',
        fixture('github/issues-labeled.json'),
        'i-2',
      ).expect(202);
      await settled(knex);
      expect(await knex('paved_incidents').select()).toEqual([
        expect.objectContaining({
          source: 'github',
          subject: 'github.com/project-slug=codertocat/hello-world',
          title: 'Spelling error in the README file',
          status: 'open',
        }),
      ]);
    });

    it('ingests GitLab deployment and push hooks with the secret token', async () => {
      const server = await start(knex);
      const send = (
        event: string,
        body: string,
        token: string,
        id: string = randomUUID(),
      ) =>
        request(server)
          .post('/api/paved/v1/webhooks/gitlab')
          .set('Content-Type', 'application/json')
          .set('X-Gitlab-Event', event)
          .set('X-Gitlab-Event-UUID', id)
          .set('X-Gitlab-Token', token)
          .send(body);
      const wrong = await send(
        'Deployment Hook',
        fixture('gitlab/deployment-hook.json'),
        'nope',
      );
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.message).toBe(
        'X-Gitlab-Token is not the configured token',
      );
      await send(
        'Deployment Hook',
        fixture('gitlab/deployment-hook.json'),
        secrets.gitlab,
      ).expect(202);
      await send(
        'Push Hook',
        fixture('gitlab/push-hook.json'),
        secrets.gitlab,
      ).expect(202);
      await settled(knex);
      const [deployment] = await knex('paved_deployments').select();
      expect(deployment).toMatchObject({
        source: 'gitlab',
        external_id: '30:15',
        subject: 'gitlab.com/project-slug=root/test-deployment-webhooks',
        environment: 'staging',
        status: 'success',
        commit_sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
        // The payload names the deploy job, not its pipeline.
        pipeline_run: null,
      });
      expect(new Date(deployment.finished_at).toISOString()).toBe(
        '2021-04-28T19:50:00.000Z',
      );
      expect(
        await knex('paved_changes').select('sha', 'author', 'message'),
      ).toEqual([
        {
          sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
          author: null,
          message: null,
        },
      ]);
      // GitLab's example push brought 4 commits and lists 2: the history
      // keeps them and knows the list is cut.
      const push = await knex('paved_pushes').first();
      expect(push).toMatchObject({
        subject: 'gitlab.com/project-slug=mike/diaspora',
        before_sha: '95790bf891e76fee5e1747ab589903a6a1f80f22',
        after_sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        listed: 2,
        total: 4,
      });
      expect(Boolean(push.complete)).toBe(false);
      expect(
        await knex('paved_push_commits')
          .orderBy('position')
          .select('position', 'sha', 'author', 'message'),
      ).toEqual([
        {
          position: 0,
          sha: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
          author: 'Jordi Mallach',
          message: 'Update Catalan translation to e38cb41.',
        },
        {
          position: 1,
          sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
          author: 'GitLab dev user',
          message: 'fixed readme',
        },
      ]);
      expect(await knex('paved_repositories').select()).toEqual([
        expect.objectContaining({
          subject: 'gitlab.com/project-slug=mike/diaspora',
          provider: 'gitlab',
          web_url: 'http://example.com/mike/diaspora',
          project_id: '15',
        }),
      ]);
    });

    it('accepts previousSecrets while senders rotate, and nothing else', async () => {
      const server = await start(knex, {
        config: {
          webhooks: {
            ...Object.fromEntries(
              Object.entries(secrets).map(([k, secret]) => [k, { secret }]),
            ),
            generic: { secret: 'new-secret', previousSecrets: ['old-secret'] },
          },
        },
      });
      const record = (externalId: string) =>
        JSON.stringify({
          type: 'deployment',
          entityRef: 'component:default/checkout',
          externalId,
          environment: 'production',
          status: 'success',
        });
      const send = (secret: string, body: string) =>
        request(server)
          .post('/api/paved/v1/webhooks/generic')
          .set('Content-Type', 'application/json')
          .set('X-Paved-Delivery', randomUUID())
          .set('X-Paved-Signature-256', `sha256=${hmac(secret, body)}`)
          .send(body);
      expect((await send('new-secret', record('rot-new'))).status).toBe(202);
      expect((await send('old-secret', record('rot-old'))).status).toBe(202);
      const refused = await send('other-secret', record('rot-other'));
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toContain('X-Paved-Signature-256');
      await settled(knex);
      const rows = await knex('paved_deployments')
        .whereIn('external_id', ['rot-new', 'rot-old', 'rot-other'])
        .orderBy('external_id')
        .pluck('external_id');
      expect(rows).toEqual(['rot-new', 'rot-old']);
    });

    it('ingests PagerDuty v3 incidents, also during a secret rotation', async () => {
      const server = await start(knex);
      const triggered = fixture('pagerduty/incident-triggered-v3.json');
      const resolved = fixture('pagerduty/incident-resolved-v3.json');
      await request(server)
        .post('/api/paved/v1/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set(
          'X-PagerDuty-Signature',
          `v1=${hmac(secrets.pagerduty, triggered)}`,
        )
        .send(triggered)
        .expect(202);
      await request(server)
        .post('/api/paved/v1/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set(
          'X-PagerDuty-Signature',
          `v1=${hmac('old-secret', resolved)},v1=${hmac(
            secrets.pagerduty,
            resolved,
          )}`,
        )
        .send(resolved)
        .expect(202);
      const unsigned = await request(server)
        .post('/api/paved/v1/webhooks/pagerduty')
        .set('Content-Type', 'application/json')
        .set('X-PagerDuty-Signature', `v1=${hmac('old-secret', resolved)}`)
        .send(resolved);
      expect(unsigned.status).toBe(401);
      await settled(knex);
      const incidents = await knex('paved_incidents')
        .orderBy('external_id')
        .select('external_id', 'status', 'subject', 'severity', 'title');
      expect(incidents).toEqual([
        {
          external_id: 'PCPZE64',
          status: 'resolved',
          subject: 'pagerduty.com/service-id=PA2P440',
          severity: 'high',
          title: 'Test Incident',
        },
        {
          external_id: 'PFQZPSY',
          status: 'open',
          subject: 'pagerduty.com/service-id=PA2P440',
          severity: 'high',
          title: 'Test Incident 3',
        },
      ]);
    });

    it('reads Argo CD fields a running operation lacks ("<no value>") as absent', async () => {
      const server = await start(knex);
      // Rendered from the template in docs/deployments.md while the sync
      // runs: Go templates print a missing field as "<no value>".
      const running = await argocd(server, {
        app: 'guestbook',
        instance: 'argocd.example.com',
        environment: 'production',
        revision: '53e28ff20cc530b9ada2173fbbd64d48338583ba',
        phase: 'Running',
        startedAt: '2026-11-20T11:00:00Z',
        finishedAt: '<no value>',
        url: 'https://argocd.example.com/applications/guestbook',
        message: '<no value>',
        pipelineRun: '',
      });
      expect(running.status).toBe(202);
      await settled(knex);
      const rows = await knex('paved_deployments')
        .where({ source: 'argocd' })
        .select('status', 'finished_at');
      expect(rows).toEqual([{ status: 'in_progress', finished_at: null }]);
    });

    it('ingests Argo CD notifications and generic CI deliveries', async () => {
      const server = await start(knex);
      // Rendered from the template in docs/deployments.md for an application.
      const argo = JSON.stringify({
        app: 'guestbook',
        instance: 'argocd.example.com',
        environment: 'production',
        revision: '53e28ff20cc530b9ada2173fbbd64d48338583ba',
        phase: 'Succeeded',
        startedAt: '2026-11-20T10:00:00Z',
        finishedAt: '2026-11-20T10:01:10Z',
        url: 'https://argocd.example.com/applications/guestbook',
        message: 'successfully synced (all tasks run)',
        // The sync was not started with --info pipelineRun=…
        pipelineRun: '',
      });
      await request(server)
        .post('/api/paved/v1/webhooks/argocd')
        .set('Content-Type', 'application/json')
        .set('X-Paved-Token', secrets.argocd)
        .send(argo)
        .expect(202);
      // The same notification again is a duplicate (no delivery id: body hash).
      const again = await request(server)
        .post('/api/paved/v1/webhooks/argocd')
        .set('Content-Type', 'application/json')
        .set('X-Paved-Token', secrets.argocd)
        .send(argo);
      expect(again.body.duplicate).toBe(true);
      const badPhase = await request(server)
        .post('/api/paved/v1/webhooks/argocd')
        .set('Content-Type', 'application/json')
        .set('X-Paved-Token', secrets.argocd)
        .send(JSON.stringify({ ...JSON.parse(argo), phase: 'Done' }));
      expect(badPhase.status).toBe(400);
      expect(badPhase.body.error.message).toMatch(
        /phase 'Done' is not an Argo CD operation phase/,
      );

      await generic(
        server,
        {
          type: 'deployment',
          source: 'buildkite',
          entityRef: 'component:default/checkout',
          externalId: 'b-9',
          environment: 'prod',
          status: 'success',
        },
        'g-1',
      ).expect(202);
      await generic(
        server,
        {
          type: 'incident',
          source: 'buildkite',
          entityRef: 'component:default/checkout',
          externalId: 'inc-9',
          title: 'Rollback',
          deployment: 'b-9',
        },
        'g-2',
      ).expect(202);
      const bad = await generic(
        server,
        {
          type: 'deployment',
          entityRef: 'component:default/checkout',
          externalId: 'b-10',
          environment: 'prod',
          status: 'done',
        },
        'g-3',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/status must be one of/);
      await settled(knex);

      const deployments = await knex('paved_deployments')
        .orderBy('source')
        .select(
          'source',
          'external_id',
          'status',
          'subject',
          'entity_ref',
          'id',
        );
      expect(deployments.map(({ id, ...d }) => d)).toEqual([
        {
          source: 'argocd',
          external_id: 'argocd.example.com/guestbook@2026-11-20T10:00:00.000Z',
          status: 'success',
          subject: 'argocd/app-name=guestbook',
          entity_ref: null,
        },
        {
          // A generic delivery's source is kept under generic:.
          source: 'generic:buildkite',
          external_id: 'b-9',
          status: 'success',
          subject: null,
          entity_ref: 'component:default/checkout',
        },
      ]);
      const [incident] = await knex('paved_incidents').select();
      expect(incident.deployment_id).toBe(deployments[1].id);
    });

    it('stores the pipeline run of GitHub Actions deployments and Argo CD syncs', async () => {
      const server = await start(knex);
      // A deployment made by a GitHub Actions workflow (GitHub Pages) and
      // its status: both carry the workflow run.
      await github(
        server,
        'deployment',
        fixture('github/deployment-workflow-run.json'),
      ).expect(202);
      await github(
        server,
        'deployment_status',
        fixture('github/deployment_status-workflow-run.json'),
      ).expect(202);
      // An Argo CD sync started by CI with --info pipelineRun=<run>, and an
      // automated sync without it.
      const sync = {
        app: 'guestbook',
        instance: 'argocd.example.com',
        environment: 'production',
        revision: '53e28ff20cc530b9ada2173fbbd64d48338583ba',
        phase: 'Succeeded',
        startedAt: '2026-11-20T10:00:00Z',
        finishedAt: '2026-11-20T10:01:10Z',
        url: 'https://argocd.example.com/applications/guestbook',
        message: 'successfully synced (all tasks run)',
        pipelineRun: 'https://github.com/acme/guestbook/actions/runs/4242',
      };
      await argocd(server, sync).expect(202);
      await argocd(server, {
        ...sync,
        startedAt: '2026-11-21T10:00:00Z',
        finishedAt: '2026-11-21T10:00:40Z',
        pipelineRun: '',
      }).expect(202);
      await settled(knex);

      const rows = await knex('paved_deployments')
        .orderBy(['source', 'external_id'])
        .select(
          'source',
          'external_id',
          'status',
          'pipeline_run',
          'rolled_back',
        );
      expect(
        rows.map(r => ({ ...r, rolled_back: Boolean(r.rolled_back) })),
      ).toEqual([
        {
          source: 'argocd',
          external_id: 'argocd.example.com/guestbook@2026-11-20T10:00:00.000Z',
          status: 'success',
          pipeline_run: 'https://github.com/acme/guestbook/actions/runs/4242',
          rolled_back: false,
        },
        {
          source: 'argocd',
          external_id: 'argocd.example.com/guestbook@2026-11-21T10:00:00.000Z',
          status: 'success',
          pipeline_run: null,
          rolled_back: false,
        },
        {
          source: 'github',
          external_id: '145988746',
          status: 'in_progress',
          pipeline_run:
            'https://github.com/Codertocat/Hello-World/actions/runs/289782451',
          rolled_back: false,
        },
      ]);
    });

    it('takes pipelineRun and rolledBack from generic deliveries and rejects bad ones', async () => {
      const server = await start(knex, { entities: [checkout] });
      const deployment = {
        type: 'deployment',
        source: 'buildkite',
        entityRef: 'component:default/checkout',
        environment: 'production',
        status: 'success',
      };
      const run = 'https://buildkite.com/acme/checkout/builds/77';

      for (const [field, value, message] of [
        [
          'pipelineRun',
          '',
          'pipelineRun must be a non-blank string of at most 255 characters, not a blank string',
        ],
        [
          'pipelineRun',
          77,
          'pipelineRun must be a non-blank string of at most 255 characters, not the number 77',
        ],
        [
          'pipelineRun',
          'x'.repeat(256),
          'pipelineRun must be a non-blank string of at most 255 characters, not a string of 256 characters',
        ],
        [
          'rolledBack',
          'yes',
          "rolledBack must be true or false, not the string 'yes'",
        ],
      ] as const) {
        const bad = await generic(
          server,
          { ...deployment, externalId: 'bad', [field]: value },
          `bad-${field}-${String(value).length}`,
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toBe(message);
      }

      // Two records of one pipeline run to one environment (two regions,
      // say) both land: they collapse in the DORA metrics, not at intake.
      await generic(
        server,
        {
          ...deployment,
          externalId: 'b-77-eu',
          pipelineRun: run,
          startedAt: '2026-11-18T10:00:00Z',
          finishedAt: '2026-11-18T10:05:00Z',
        },
        'g-1',
      ).expect(202);
      await generic(
        server,
        {
          ...deployment,
          externalId: 'b-77-us',
          pipelineRun: run,
          startedAt: '2026-11-18T10:10:00Z',
          finishedAt: '2026-11-18T10:20:00Z',
        },
        'g-2',
      ).expect(202);
      // Another deployment, flagged as rolled back by a later delivery.
      await generic(
        server,
        {
          ...deployment,
          externalId: 'b-78',
          startedAt: '2026-11-19T09:00:00Z',
          finishedAt: '2026-11-19T09:10:00Z',
        },
        'g-3',
      ).expect(202);
      await generic(
        server,
        {
          ...deployment,
          externalId: 'b-78',
          rolledBack: true,
          startedAt: '2026-11-19T09:00:00Z',
          updatedAt: '2026-11-19T11:00:00Z',
        },
        'g-4',
      ).expect(202);
      await settled(knex);

      expect(
        await knex('paved_webhook_deliveries')
          .orderBy('delivery_id')
          .select('delivery_id', 'status'),
      ).toEqual(
        ['g-1', 'g-2', 'g-3', 'g-4'].map(id => ({
          delivery_id: id,
          status: 'processed',
        })),
      );
      const rows = await knex('paved_deployments')
        .orderBy('external_id')
        .select('external_id', 'pipeline_run', 'rolled_back');
      expect(
        rows.map(r => ({ ...r, rolled_back: Boolean(r.rolled_back) })),
      ).toEqual([
        { external_id: 'b-77-eu', pipeline_run: run, rolled_back: false },
        { external_id: 'b-77-us', pipeline_run: run, rolled_back: false },
        { external_id: 'b-78', pipeline_run: null, rolled_back: true },
      ]);

      // The DORA metrics count run 77 once, and b-78 as a failed change.
      const dora = await request(server)
        .get('/api/paved/v1/dora')
        .query({ entity: 'checkout', from: '2026-11-16', to: '2026-11-22' })
        .set('Authorization', mockCredentials.user.header());
      expect(dora.status).toBe(200);
      expect(dora.body.metrics).toMatchObject({
        deploymentFrequency: { sampleCount: 2 },
        changeFailureRate: { value: 0.5, failedChanges: 1 },
      });
    });

    it('answers 404 for unknown or unconfigured sources', async () => {
      const { server } = await startTestBackend({
        features: [pavedPlugin, mockServices.database.factory({ knex })],
      });
      const unknown = await request(server)
        .post('/api/paved/v1/webhooks/jira')
        .send('{}');
      expect(unknown.status).toBe(404);
      const unconfigured = await request(server)
        .post('/api/paved/v1/webhooks/github')
        .set('Content-Type', 'application/json')
        .send('{}');
      expect(unconfigured.status).toBe(404);
      expect(unconfigured.body.error.message).toBe(
        "Webhook source 'github' is not configured: set paved.webhooks.github.secret",
      );
    });

    it('finishes deliveries a killed backend accepted but never processed', async () => {
      // What the intake stored before answering 202, and a delivery a
      // replica had claimed when it died (its lease has run out).
      await applyDatabaseMigrations(
        { getClient: async () => knex } as any,
        knex,
      );
      const store = new WebhookDeliveryStore(knex);
      await store.accept({
        source: 'github',
        deliveryId: 'before-crash-1',
        event: 'deployment',
        payload: fixture('github/deployment.json'),
      });
      await store.accept({
        source: 'github',
        deliveryId: 'before-crash-2',
        event: 'push',
        payload: fixture('github/push.json'),
      });
      await store.claimPending({
        owner: 'dead-replica',
        limit: 1,
        leaseMs: -1000,
      });

      // A fresh backend processes both on startup.
      await start(knex);
      await settled(knex);
      expect(await store.counts()).toEqual({ processed: 2 });
      expect(await knex('paved_deployments').select()).toHaveLength(1);
      // The deployment's commit, and the push in the history.
      expect(await knex('paved_changes').select()).toHaveLength(1);
      expect(await knex('paved_push_commits').select()).toHaveLength(1);
    });

    it('links records of a repository no entity claimed once the entity appears', async () => {
      const scheduler = mockServices.scheduler();
      const server = await start(knex, { scheduler, entities: [] });
      await github(
        server,
        'deployment',
        fixture('github/deployment.json'),
      ).expect(202);
      await settled(knex);
      expect(
        (await knex('paved_deployments').first('entity_ref')).entity_ref,
      ).toBeNull();

      // The entity is registered later; the link task (on another backend,
      // sharing the database) links the record.
      const later = mockServices.scheduler();
      await start(knex, { scheduler: later, entities: [helloWorld] });
      await later.triggerTask('paved-ledger-link-entities');
      expect(
        (await knex('paved_deployments').first('entity_ref')).entity_ref,
      ).toBe('component:default/hello-world');
      expect((await knex('paved_changes').first('entity_ref')).entity_ref).toBe(
        'component:default/hello-world',
      );
    });
  });
});
