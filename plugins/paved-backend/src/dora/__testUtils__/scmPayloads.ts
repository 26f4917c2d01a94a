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
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Payloads for the commit-range fixtures: copies of the recorded webhook
 * payloads (deployments/webhooks/__fixtures__) and of the compare API
 * response shapes (dora/__fixtures__), with each scenario's repository,
 * commits and times put in. Every other field stays as recorded.
 */

const webhookFixture = (path: string) =>
  JSON.parse(
    readFileSync(
      join(__dirname, '../../deployments/webhooks/__fixtures__', path),
      'utf8',
    ),
  );
const compareFixture = (path: string) =>
  JSON.parse(readFileSync(join(__dirname, '../__fixtures__', path), 'utf8'));

/** A 40-hex commit sha named after a fixture commit ("f4'", "t22"). */
export const sha = (name: string) =>
  createHash('sha1').update(name).digest('hex');

/** A fixture commit: its name, commit time and optional message. */
export type FixtureCommit = { name: string; at: string; message?: string };

const messageOf = (c: FixtureCommit) => c.message ?? `Commit ${c.name}`;

/** GitHub `push`: `refs/heads/<branch>` moved from `before` to the last commit. */
export function githubPush(options: {
  repo: string;
  branch?: string;
  before: string;
  commits: FixtureCommit[];
  forced?: boolean;
}) {
  const body = webhookFixture('github/push.json');
  const after = sha(options.commits[options.commits.length - 1].name);
  const url = `https://github.com/${options.repo}`;
  body.ref = `refs/heads/${options.branch ?? 'main'}`;
  body.before = options.before;
  body.after = after;
  body.created = /^0+$/.test(options.before);
  body.forced = Boolean(options.forced);
  body.compare = `${url}/compare/${options.before.slice(0, 12)}...${after.slice(
    0,
    12,
  )}`;
  const template = body.commits[0];
  body.commits = options.commits.map(c => ({
    ...template,
    id: sha(c.name),
    message: messageOf(c),
    timestamp: c.at,
    url: `${url}/commit/${sha(c.name)}`,
  }));
  body.head_commit = body.commits[body.commits.length - 1];
  body.repository = {
    ...body.repository,
    name: options.repo.split('/')[1],
    full_name: options.repo,
    html_url: url,
  };
  return body;
}

/** GitHub `deployment` (pending) or `deployment_status` of a workflow run. */
export function githubDeployment(options: {
  repo: string;
  id: number;
  commit: string;
  environment?: string;
  run: string;
  createdAt: string;
  /** A deployment_status: its state and time; else the deployment event. */
  status?: { state: 'success' | 'failure'; at: string };
}) {
  const body = webhookFixture('github/deployment_status-workflow-run.json');
  const environment = options.environment ?? 'production';
  body.deployment = {
    ...body.deployment,
    id: options.id,
    sha: sha(options.commit),
    ref: 'main',
    environment,
    production_environment: environment === 'production',
    created_at: options.createdAt,
    updated_at: options.status?.at ?? options.createdAt,
  };
  body.workflow_run = { ...body.workflow_run, html_url: options.run };
  body.repository = {
    ...body.repository,
    name: options.repo.split('/')[1],
    full_name: options.repo,
    html_url: `https://github.com/${options.repo}`,
  };
  if (!options.status) {
    delete body.deployment_status;
    body.action = 'created';
    return body;
  }
  body.deployment_status = {
    ...body.deployment_status,
    state: options.status.state,
    environment,
    created_at: options.status.at,
    updated_at: options.status.at,
  };
  return body;
}

/** GitLab `Push Hook`: the newest `listed` commits of `total`. */
export function gitlabPush(options: {
  project: string;
  projectId: number;
  before: string;
  commits: FixtureCommit[];
  total: number;
}) {
  const body = webhookFixture('gitlab/push-hook.json');
  const url = `https://gitlab.com/${options.project}`;
  const after = sha(options.commits[options.commits.length - 1].name);
  body.before = options.before;
  body.after = after;
  body.checkout_sha = after;
  body.ref = 'refs/heads/main';
  body.project_id = options.projectId;
  body.project = {
    ...body.project,
    id: options.projectId,
    web_url: url,
    path_with_namespace: options.project,
  };
  const template = body.commits[0];
  body.commits = options.commits.map(c => ({
    ...template,
    id: sha(c.name),
    message: messageOf(c),
    title: messageOf(c).split('\n')[0],
    timestamp: c.at,
    url: `${url}/-/commit/${sha(c.name)}`,
  }));
  body.total_commits_count = options.total;
  return body;
}

/** GitLab `Deployment Hook` of a production deployment that succeeded. */
export function gitlabDeployment(options: {
  project: string;
  projectId: number;
  id: number;
  commit: string;
  at: string;
}) {
  const body = webhookFixture('gitlab/deployment-hook.json');
  const url = `https://gitlab.com/${options.project}`;
  const full = sha(options.commit);
  // GitLab's own format: "2021-04-28 21:50:00 +0200".
  const at = new Date(options.at).toISOString();
  body.status = 'success';
  body.status_changed_at = `${at.slice(0, 10)} ${at.slice(11, 19)} +0000`;
  body.deployment_id = options.id;
  body.environment = 'production';
  body.environment_tier = 'production';
  body.environment_slug = 'production';
  body.short_sha = full.slice(0, 8);
  body.commit_url = `${url}/-/commit/${full}`;
  body.project = {
    ...body.project,
    id: options.projectId,
    web_url: url,
    path_with_namespace: options.project,
  };
  return body;
}

/** A GitHub comparison of `base...head` listing `commits` (oldest first). */
export function githubComparison(options: {
  repo: string;
  base: string;
  commits: FixtureCommit[];
}) {
  const body = compareFixture('github-compare.json');
  const template = body.commits[0];
  const commit = (c: FixtureCommit, parent: string) => ({
    ...template,
    sha: sha(c.name),
    url: `https://api.github.com/repos/${options.repo}/commits/${sha(c.name)}`,
    html_url: `https://github.com/${options.repo}/commit/${sha(c.name)}`,
    commit: {
      ...template.commit,
      message: messageOf(c),
      author: { ...template.commit.author, date: c.at },
      committer: { ...template.commit.committer, date: c.at },
    },
    parents: [{ ...template.parents[0], sha: parent }],
  });
  body.commits = options.commits.map((c, i) =>
    commit(c, i ? sha(options.commits[i - 1].name) : options.base),
  );
  body.merge_base_commit = { ...body.merge_base_commit, sha: options.base };
  body.base_commit = { ...body.base_commit, sha: options.base };
  body.status = options.commits.length ? 'ahead' : 'identical';
  body.ahead_by = options.commits.length;
  body.behind_by = 0;
  body.total_commits = options.commits.length;
  return body;
}

/** A GitLab comparison `from...to` listing `commits` (oldest first). */
export function gitlabComparison(options: {
  base: string;
  commits: FixtureCommit[];
}) {
  const body = compareFixture('gitlab-compare.json');
  const template = body.commits[0];
  body.commits = options.commits.map((c, i) => ({
    ...template,
    id: sha(c.name),
    short_id: sha(c.name).slice(0, 11),
    title: messageOf(c).split('\n')[0],
    message: messageOf(c),
    authored_date: c.at,
    committed_date: c.at,
    created_at: c.at,
    parent_ids: [i ? sha(options.commits[i - 1].name) : options.base],
  }));
  body.commit = body.commits[body.commits.length - 1];
  return body;
}
