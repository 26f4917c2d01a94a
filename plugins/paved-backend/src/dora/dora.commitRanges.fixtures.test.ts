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
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { DeploymentStore, WebhookDeliveryStore } from '../deployments';
import { LedgerService } from '../deployments/LedgerService';
import { WebhookProcessor } from '../deployments/webhooks/WebhookProcessor';
import { component, doraService, migrate } from './__testUtils__/fixtureLedger';
import {
  FixtureCommit,
  githubComparison,
  githubDeployment,
  githubPush,
  gitlabComparison,
  gitlabDeployment,
  gitlabPush,
  sha,
} from './__testUtils__/scmPayloads';
import { CommitRangeResolver } from './CommitRangeResolver';
import { ScmCommitComparer } from './scmCompare';

/*
 * Hand-computed fixtures for "Commits shipped by a deployment" and "One
 * deployment per run, whatever the door" (docs/dora.md). Records arrive
 * through the real doors: push and deployment webhooks are stored in the
 * inbox and processed by the WebhookProcessor with the recorded payloads
 * (changed only in repository, commits and times), the CI POST goes
 * through LedgerService.recordDeployment, and the SCM compare APIs answer
 * through msw with the documented response shapes. Commits are named
 * (t1, f4', h); their shas are sha1(name).
 *
 * Window 2026-09-01 to 2026-09-28 (UTC), as in dora.fixtures.test.ts.
 * Each entity has one production deployment before the window: it is the
 * entity's first (its range is only its own commit) and gives the
 * deployments in the window a previous deployment to start from.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const server = setupServer();
registerMswTestHooks(server);

const WINDOW = { from: '2026-09-01', to: '2026-09-28' };
const HOUR = 3600;
const ZERO = '0'.repeat(40);
const ref = (name: string) => `component:default/${name}`;
const entities = ['truncated', 'lost', 'forced', 'picked', 'doors'].map(n =>
  component(n, 'group:default/team-ranges'),
);

/** Commits named prefix+from..prefix+to, one per hour from `start`. */
function hourly(prefix: string, from: number, to: number, start: string) {
  const commits: FixtureCommit[] = [];
  for (let i = from; i <= to; i++) {
    commits.push({
      name: `${prefix}${i}`,
      at: new Date(Date.parse(start) + (i - 1) * HOUR * 1000).toISOString(),
    });
  }
  return commits;
}

/** Compare API calls the resolver made, as "provider base...head". */
const compareCalls: string[] = [];

function scmApis() {
  server.use(
    // GitLab acme/truncated answers the comparison; acme/lost fails.
    http.get(
      'https://gitlab.com/api/v4/projects/:id/repository/compare',
      ({ params, request }) => {
        const url = new URL(request.url);
        const from = url.searchParams.get('from')!;
        const to = url.searchParams.get('to')!;
        compareCalls.push(`gitlab ${params.id} ${from}...${to}`);
        expect(url.searchParams.get('straight')).toBe('false');
        if (params.id === '4242' && from === sha('t0') && to === sha('t22')) {
          return HttpResponse.json(
            gitlabComparison({
              base: sha('t0'),
              commits: hourly('t', 1, 22, '2026-09-10T12:00:00Z'),
            }),
          );
        }
        return HttpResponse.json(
          { message: '500 Internal Server Error' },
          { status: 500 },
        );
      },
    ),
    http.get(
      'https://api.github.com/repos/acme/forced/compare/:basehead',
      ({ params }) => {
        compareCalls.push(`github acme/forced ${params.basehead}`);
        if (params.basehead === `${sha('f2')}...${sha("f4'")}`) {
          return HttpResponse.json(
            githubComparison({
              repo: 'acme/forced',
              base: sha('f2'),
              commits: [
                { name: "f3'", at: '2026-09-09T08:00:00Z' },
                { name: "f4'", at: '2026-09-09T09:00:00Z' },
              ],
            }),
          );
        }
        return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      },
    ),
  );
}

async function seed(db: Knex) {
  const inbox = new WebhookDeliveryStore(db);
  const processor = new WebhookProcessor({
    db,
    logger: mockServices.logger.mock(),
    webhookOptions: { incidentLabels: [] },
  });
  const deliver = async (source: string, event: string, body: object) => {
    await inbox.accept({
      source,
      deliveryId: randomUUID(),
      event,
      payload: JSON.stringify(body),
    });
    await processor.drain();
  };
  const ledger = new LedgerService({
    db,
    catalog: catalogServiceMock({ entities }),
  });
  const ci = mockCredentials.service('external:ci-deployments');
  const store = new DeploymentStore(db);

  // TRUNCATED PUSH — GitLab acme/truncated (project 4242). t0 (Aug 31
  // 09:00) is deployed Aug 31 10:00 (before the window). One push then
  // brings t1..t22, committed one per hour from Sep 10 12:00 (t22 at Sep
  // 11 09:00); GitLab lists only the newest 20 (t3..t22) with
  // total_commits_count 22. The deployment of t22 finishes Sep 11 12:00.
  //   History: t22..t3, then the push is cut: incomplete. The compare API
  //   (t0...t22) lists t1..t22: complete, 22 commits.
  //   Lead times 24 h (t1) down to 3 h (t22): 3..24 h, 22 samples, median
  //   (13 + 14) / 2 h = 13.5 h = 48600 s. (The 20 listed ones alone: 12.5
  //   h; the deployed commit alone: 3 h.) Coverage 1 of 1.
  await deliver(
    'gitlab',
    'Push Hook',
    gitlabPush({
      project: 'acme/truncated',
      projectId: 4242,
      before: ZERO,
      commits: [{ name: 't0', at: '2026-08-31T09:00:00Z' }],
      total: 1,
    }),
  );
  await deliver(
    'gitlab',
    'Deployment Hook',
    gitlabDeployment({
      project: 'acme/truncated',
      projectId: 4242,
      id: 1,
      commit: 't0',
      at: '2026-08-31T10:00:00Z',
    }),
  );
  await deliver(
    'gitlab',
    'Push Hook',
    gitlabPush({
      project: 'acme/truncated',
      projectId: 4242,
      before: sha('t0'),
      commits: hourly('t', 3, 22, '2026-09-10T12:00:00Z'),
      total: 22,
    }),
  );
  await deliver(
    'gitlab',
    'Deployment Hook',
    gitlabDeployment({
      project: 'acme/truncated',
      projectId: 4242,
      id: 2,
      commit: 't22',
      at: '2026-09-11T12:00:00Z',
    }),
  );

  // TRUNCATED PUSH, UNRESOLVED — GitLab acme/lost (project 4343): the same
  // history with commits u0..u22, but the compare API fails (500). The
  // range stays partial: the 20 listed commits u3..u22 count, 22 h down
  //   to 3 h, median (12 + 13) / 2 h = 12.5 h = 45000 s, 20 samples; the
  //   deployment is marked: coverage 0 of 1.
  await deliver(
    'gitlab',
    'Push Hook',
    gitlabPush({
      project: 'acme/lost',
      projectId: 4343,
      before: ZERO,
      commits: [{ name: 'u0', at: '2026-08-31T09:00:00Z' }],
      total: 1,
    }),
  );
  await deliver(
    'gitlab',
    'Deployment Hook',
    gitlabDeployment({
      project: 'acme/lost',
      projectId: 4343,
      id: 1,
      commit: 'u0',
      at: '2026-08-31T10:00:00Z',
    }),
  );
  await deliver(
    'gitlab',
    'Push Hook',
    gitlabPush({
      project: 'acme/lost',
      projectId: 4343,
      before: sha('u0'),
      commits: hourly('u', 3, 22, '2026-09-10T12:00:00Z'),
      total: 22,
    }),
  );
  await deliver(
    'gitlab',
    'Deployment Hook',
    gitlabDeployment({
      project: 'acme/lost',
      projectId: 4343,
      id: 2,
      commit: 'u22',
      at: '2026-09-11T12:00:00Z',
    }),
  );

  // FORCE-PUSH — GitHub acme/forced. f1, f2 (Aug 29) pushed; D1 deploys f2
  // Aug 30 10:00 (before the window).
  //   Sep 8: push f3 (07:00), f4 (08:00) on top of f2; never deployed.
  //   Sep 9: force-push from f4 to f4': GitHub lists f3' (08:00), f4'
  //     (09:00), the commits since the merge base f2 (f3, f4 are dropped).
  //   D2 deploys f4' Sep 9 12:00. History: f4', f3', then the forced push
  //     whose old head f4 was never deployed: the merge base is unknown,
  //     so the compare API is asked (f2...f4'): f3', f4' — complete.
  //     Following `before` would have counted the dropped f3 and f4.
  //   Sep 10: force-push from f4' (deployed) to f5: f4'' (08:00), f5
  //     (10:00). D3 deploys f5 Sep 10 12:00. History: f5, f4'', then the
  //     forced push's old head f4' is D2's commit: complete, no API call.
  //   Lead times: D2 f3' 4 h, f4' 3 h; D3 f4'' 4 h, f5 2 h → 7200, 10800,
  //   14400, 14400 → median (10800 + 14400) / 2 = 12600 s, 4 samples, 2
  //   deployments; coverage 2 of 2.
  const forced = (
    id: number,
    commit: string,
    createdAt: string,
    finishedAt: string,
  ) =>
    deliver(
      'github',
      'deployment_status',
      githubDeployment({
        repo: 'acme/forced',
        id,
        commit,
        run: `https://github.com/acme/forced/actions/runs/${id}`,
        createdAt,
        status: { state: 'success', at: finishedAt },
      }),
    );
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/forced',
      before: sha('f-root'),
      commits: [
        { name: 'f1', at: '2026-08-29T08:00:00Z' },
        { name: 'f2', at: '2026-08-29T09:00:00Z' },
      ],
    }),
  );
  await forced(101, 'f2', '2026-08-30T09:55:00Z', '2026-08-30T10:00:00Z');
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/forced',
      before: sha('f2'),
      commits: [
        { name: 'f3', at: '2026-09-08T07:00:00Z' },
        { name: 'f4', at: '2026-09-08T08:00:00Z' },
      ],
    }),
  );
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/forced',
      before: sha('f4'),
      forced: true,
      commits: [
        { name: "f3'", at: '2026-09-09T08:00:00Z' },
        { name: "f4'", at: '2026-09-09T09:00:00Z' },
      ],
    }),
  );
  await forced(102, "f4'", '2026-09-09T11:55:00Z', '2026-09-09T12:00:00Z');
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/forced',
      before: sha("f4'"),
      forced: true,
      commits: [
        { name: "f4''", at: '2026-09-10T08:00:00Z' },
        { name: 'f5', at: '2026-09-10T10:00:00Z' },
      ],
    }),
  );
  await forced(103, 'f5', '2026-09-10T11:55:00Z', '2026-09-10T12:00:00Z');

  // CHERRY-PICK — GitHub acme/picked. c1 (Aug 30 08:00) deployed Aug 30
  // 10:00 (before the window).
  //   Sep 14: main gets c2 (08:00) and the fix h (09:00).
  //   Sep 15: `git cherry-pick -x h` onto release/1.0 (branched at c1)
  //     makes h' (10:00), whose message ends "(cherry picked from commit
  //     <h>)". D1 deploys h' from the release branch Sep 15 12:00: range
  //     {h'}, which stands for h: lead time from h's commit time, Sep 14
  //     09:00 → 27 h = 97200 s (not 2 h from the pick's own time).
  //   D2 deploys main's h Sep 17 12:00: range h, c2 (the walk stops at
  //     c1, shipped by the first deployment; h' did not ship c2). h was
  //     first shipped by D1, so it is no new sample; c2: Sep 17 12:00 −
  //     Sep 14 08:00 = 76 h = 273600 s.
  //   Samples 97200, 273600 → median 185400 s; 2 deployments, coverage 2
  //   of 2. (Counting the pick by its own sha would give 3 samples: 7200,
  //   270000 for h at D2, 273600 → 270000.)
  const picked = (id: number, commit: string, finishedAt: string) =>
    deliver(
      'github',
      'deployment_status',
      githubDeployment({
        repo: 'acme/picked',
        id,
        commit,
        run: `https://github.com/acme/picked/actions/runs/${id}`,
        createdAt: finishedAt.replace('12:00:00', '11:55:00'),
        status: { state: 'success', at: finishedAt },
      }),
    );
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/picked',
      before: sha('c-root'),
      commits: [{ name: 'c1', at: '2026-08-30T08:00:00Z' }],
    }),
  );
  await picked(201, 'c1', '2026-08-30T12:00:00Z');
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/picked',
      before: sha('c1'),
      commits: [
        { name: 'c2', at: '2026-09-14T08:00:00Z' },
        { name: 'h', at: '2026-09-14T09:00:00Z', message: 'Fix the total' },
      ],
    }),
  );
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/picked',
      branch: 'release/1.0',
      before: sha('c1'),
      commits: [
        {
          name: "h'",
          at: '2026-09-15T10:00:00Z',
          message: `Fix the total\n\n(cherry picked from commit ${sha('h')})`,
        },
      ],
    }),
  );
  await picked(202, "h'", '2026-09-15T12:00:00Z');
  await picked(203, 'h', '2026-09-17T12:00:00Z');

  // A DEPLOYMENT REPORTED THROUGH THREE DOORS — GitHub acme/doors. d0 (Aug
  // 30 08:00) deployed by CI Aug 30 10:00 (before the window). Sep 20: d1
  // (08:00) and d2 (09:00) pushed.
  //   Run 777 deploys d2 to production and is reported three times:
  //   - the golden-path CI POST (REST API, source api:…): entity and
  //     repository (spelled Acme/Doors), pipelineRun, finished 10:05;
  //   - GitHub's deployment and deployment_status webhooks: repository
  //     only, the workflow run as pipeline run, finished 10:02;
  //   - the generic webhook (generic:jenkins): entity, pipelineRun,
  //     finished 10:04.
  //   They correlate on (repository, d2, production, run 777): the GitHub
  //   record joins the entity at once. One deployment; by precedence
  //   (GitHub webhook > generic webhook > API) it finished at 10:02: d1
  //   2 h 2 min = 7320 s, d2 1 h 2 min = 3720 s → median 5520 s. (The
  //   latest of the three, 10:05, would give 5700 s.)
  //   Run 778 (Sep 22) deploys d3: the CI POST says success, GitHub's
  //   deployment_status says failure. GitHub's word wins: a failed
  //   deployment, not a deployment; d3 is not shipped.
  //   Expected: 1 deployment, 1 failed deployment, 2 samples, coverage 1
  //   of 1 (the range d0..d2 is complete from the push history).
  const run = (n: number) => `https://github.com/acme/doors/actions/runs/${n}`;
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/doors',
      before: sha('d-root'),
      commits: [{ name: 'd0', at: '2026-08-30T08:00:00Z' }],
    }),
  );
  const ciPost = (
    externalId: string,
    commit: string,
    runId: number,
    finishedAt: string,
  ) =>
    ledger.recordDeployment(
      {
        entityRef: ref('doors'),
        subject: 'github.com/project-slug=Acme/Doors',
        externalId,
        environment: 'production',
        status: 'success',
        commitSha: sha(commit),
        pipelineRun: run(runId),
        startedAt: new Date(Date.parse(finishedAt) - 600_000).toISOString(),
        finishedAt,
      },
      ci,
    );
  await ciPost('700-1', 'd0', 700, '2026-08-30T10:00:00Z');
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/doors',
      before: sha('d0'),
      commits: [
        { name: 'd1', at: '2026-09-20T08:00:00Z' },
        { name: 'd2', at: '2026-09-20T09:00:00Z' },
      ],
    }),
  );
  await ciPost('777-1', 'd2', 777, '2026-09-20T10:05:00Z');
  const github777 = {
    repo: 'acme/doors',
    id: 301,
    commit: 'd2',
    run: run(777),
    createdAt: '2026-09-20T09:56:00Z',
  };
  await deliver('github', 'deployment', githubDeployment(github777));
  await deliver(
    'github',
    'deployment_status',
    githubDeployment({
      ...github777,
      status: { state: 'success', at: '2026-09-20T10:02:00Z' },
    }),
  );
  await deliver('generic', 'deployment', {
    type: 'deployment',
    source: 'jenkins',
    entityRef: ref('doors'),
    externalId: 'jenkins-777',
    environment: 'production',
    status: 'success',
    commitSha: sha('d2'),
    pipelineRun: run(777),
    startedAt: '2026-09-20T09:57:00Z',
    finishedAt: '2026-09-20T10:04:00Z',
  });
  await deliver(
    'github',
    'push',
    githubPush({
      repo: 'acme/doors',
      before: sha('d2'),
      commits: [{ name: 'd3', at: '2026-09-22T08:30:00Z' }],
    }),
  );
  await ciPost('778-1', 'd3', 778, '2026-09-22T10:05:00Z');
  await deliver(
    'github',
    'deployment_status',
    githubDeployment({
      repo: 'acme/doors',
      id: 302,
      commit: 'd3',
      run: run(778),
      createdAt: '2026-09-22T09:56:00Z',
      status: { state: 'failure', at: '2026-09-22T10:02:00Z' },
    }),
  );

  // The linking task assigns the repositories to their entities (the
  // GitHub records of acme/doors already joined theirs by correlation).
  for (const [subject, name] of [
    ['gitlab.com/project-slug=acme/truncated', 'truncated'],
    ['gitlab.com/project-slug=acme/lost', 'lost'],
    ['github.com/project-slug=acme/forced', 'forced'],
    ['github.com/project-slug=acme/picked', 'picked'],
  ]) {
    await store.linkSubject(subject, ref(name));
  }
}

describe('Commit ranges and one deployment per run, on hand-computed fixtures', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let db: Knex;
    let service: ReturnType<typeof doraService>['service'];

    beforeAll(async () => {
      db = await migrate(await databases.init(databaseId));
      await seed(db);
      service = doraService(db, { entities }).service;
    });

    beforeEach(() => {
      scmApis();
    });

    const resolve = () =>
      new CommitRangeResolver({
        db,
        production: {},
        comparer: new ScmCommitComparer({
          integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        }),
      }).resolveDue();
    const report = (name: string) =>
      service.report({ entity: ref(name), ...WINDOW });
    const rangeOf = async (source: string, externalId: string) =>
      db('paved_commit_ranges as r')
        .join('paved_deployments as d', 'd.id', 'r.deployment_id')
        .where({ 'd.source': source, 'd.external_id': externalId })
        .first('r.status', 'r.method', 'r.commit_count', 'r.reason');

    it('resolves every range once, asking the SCM only where history has a gap', async () => {
      compareCalls.length = 0;
      // 16 ledger records: truncated 2, lost 2, forced 3, picked 3, doors 6
      // (the baseline, three of run 777, two of run 778).
      expect(await resolve()).toBe(16);
      // The five baselines are their entity's first; lost's range stays
      // partial; GitHub's failed record of run 778 is no deployment.
      const statuses = await db('paved_commit_ranges')
        .select('status')
        .count({ n: '*' })
        .groupBy('status');
      expect(
        Object.fromEntries(
          statuses.map(r => [(r as { status: string }).status, Number(r.n)]),
        ),
      ).toEqual({ first: 5, complete: 9, partial: 1, skipped: 1 });
      expect(compareCalls.sort()).toEqual(
        [
          `github acme/forced ${sha('f2')}...${sha("f4'")}`,
          `gitlab 4242 ${sha('t0')}...${sha('t22')}`,
          `gitlab 4343 ${sha('u0')}...${sha('u22')}`,
        ].sort(),
      );
      // Nothing is due again, except the failed comparison after backoff.
      expect(await resolve()).toBe(0);
    });

    it('fills a truncated GitLab push from the compare API', async () => {
      expect(await rangeOf('gitlab', '4242:2')).toMatchObject({
        status: 'complete',
        method: 'compare',
        commit_count: 22,
      });
      const r = await report('truncated');
      expect(r.metrics.leadTime).toMatchObject({
        value: 13.5 * HOUR,
        sampleCount: 22,
      });
      expect(r.metrics.deploymentFrequency.sampleCount).toBe(1);
      expect(r.commitCoverage).toEqual({
        deployments: 1,
        complete: 1,
        ratio: 1,
      });
    });

    it('marks a deployment whose range could not be resolved', async () => {
      const range = await rangeOf('gitlab', '4343:2');
      expect(range).toMatchObject({ status: 'partial', commit_count: 20 });
      expect(range.reason).toContain('listed 20 of 22 commits');
      expect(range.reason).toContain('answered 500');
      const r = await report('lost');
      expect(r.metrics.leadTime).toMatchObject({
        value: 12.5 * HOUR,
        sampleCount: 20,
      });
      expect(r.commitCoverage).toEqual({
        deployments: 1,
        complete: 0,
        ratio: 0,
      });
    });

    it('follows the new history of a force-push and never counts dropped commits', async () => {
      expect(await rangeOf('github', '102')).toMatchObject({
        status: 'complete',
        method: 'compare',
        commit_count: 2,
      });
      expect(await rangeOf('github', '103')).toMatchObject({
        status: 'complete',
        method: 'history',
        commit_count: 2,
      });
      const dropped = await db('paved_deployment_changes')
        .whereIn('sha', [sha('f3'), sha('f4')])
        .select();
      expect(dropped).toEqual([]);
      const r = await report('forced');
      expect(r.metrics.leadTime).toMatchObject({
        value: 12600,
        sampleCount: 4,
      });
      expect(r.metrics.deploymentFrequency.sampleCount).toBe(2);
      expect(r.commitCoverage).toMatchObject({ deployments: 2, complete: 2 });
    });

    it('takes the lead time of a cherry-pick from its original commit, once', async () => {
      const d1 = await db('paved_deployments')
        .where({ source: 'github', external_id: '202' })
        .first('id');
      expect(
        await db('paved_deployment_changes')
          .where({ deployment_id: d1.id })
          .select('sha', 'shipped_sha'),
      ).toEqual([{ sha: sha('h'), shipped_sha: sha("h'") }]);
      const r = await report('picked');
      expect(r.metrics.leadTime).toMatchObject({
        value: 185400,
        sampleCount: 2,
      });
      expect(r.commitCoverage).toMatchObject({ deployments: 2, complete: 2 });
    });

    it('counts a deployment reported through three doors once, by precedence', async () => {
      const records = await db('paved_deployments')
        .where({
          pipeline_run: 'https://github.com/acme/doors/actions/runs/777',
        })
        .orderBy('source')
        .select('source', 'entity_ref', 'subject');
      expect(records).toEqual([
        {
          source: 'api:external:ci-deployments',
          entity_ref: ref('doors'),
          subject: 'github.com/project-slug=acme/doors',
        },
        {
          source: 'generic:jenkins',
          entity_ref: ref('doors'),
          subject: null,
        },
        {
          source: 'github',
          entity_ref: ref('doors'),
          subject: 'github.com/project-slug=acme/doors',
        },
      ]);
      const r = await report('doors');
      expect(r.metrics.deploymentFrequency).toMatchObject({
        sampleCount: 1,
        failedDeployments: 1,
      });
      expect(r.metrics.leadTime).toMatchObject({
        value: 5520,
        sampleCount: 2,
      });
      expect(r.commitCoverage).toEqual({
        deployments: 1,
        complete: 1,
        ratio: 1,
      });
    });

    it('reports coverage for a team and the organisation', async () => {
      // truncated 1/1, lost 0/1, forced 2/2, picked 2/2, doors 1/1.
      const team = await service.report({
        group: 'team-ranges',
        ...WINDOW,
      });
      expect(team.commitCoverage).toEqual({
        deployments: 7,
        complete: 6,
        ratio: 6 / 7,
      });
      const org = await service.organisation(WINDOW);
      expect(org.organisation.commitCoverage).toEqual(team.commitCoverage);
    });
  });
});
