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
import { InputError } from '@backstage/errors';
import { DeploymentStatus, linkKey } from '@paved/plugin-paved-common';
import {
  at,
  optionalString,
  optionalTime,
  requireString,
  requireTime,
} from '../read';
import { gitlabMergeRequest } from '../../../previews/pullRequests';
import { verifyToken } from '../signatures';
import { header, Interpretation, WebhookSource } from '../types';

const STATUSES: Record<string, DeploymentStatus> = {
  created: 'pending',
  blocked: 'pending',
  running: 'in_progress',
  success: 'success',
  failed: 'failure',
  canceled: 'cancelled',
  skipped: 'cancelled',
};

/** A push hook lists at most this many commits (the newest ones). */
const GITLAB_PUSH_COMMIT_LIMIT = 20;

function project(body: unknown): string {
  return linkKey(
    'gitlab.com/project-slug',
    requireString(body, 'project.path_with_namespace'),
  );
}

/**
 * GitLab webhooks: the secret token is sent as-is in `X-Gitlab-Token`
 * (GitLab has no body signature). Delivery id: `Idempotency-Key` (the same
 * on retries, GitLab 17.4+) or `X-Gitlab-Event-UUID`. Reads `Deployment
 * Hook` and `Push Hook`.
 */
export const gitlabSource: WebhookSource = {
  id: 'gitlab',
  signatureHeader: 'X-Gitlab-Token',
  verify(request, secret) {
    verifyToken({
      value: header(request.headers, 'x-gitlab-token'),
      headerName: 'X-Gitlab-Token',
      secret,
    });
  },
  identify(request) {
    const deliveryId =
      header(request.headers, 'idempotency-key') ??
      header(request.headers, 'x-gitlab-event-uuid');
    const event = header(request.headers, 'x-gitlab-event');
    if (!deliveryId) {
      throw new InputError(
        'Missing Idempotency-Key or X-Gitlab-Event-UUID header',
      );
    }
    if (!event) throw new InputError('Missing X-Gitlab-Event header');
    return { deliveryId, event };
  },
  interpret(event, body): Interpretation {
    switch (event) {
      case 'Deployment Hook': {
        const state = requireString(body, 'status');
        const status = STATUSES[state];
        if (!status)
          throw new InputError(`Unknown deployment status '${state}'`);
        const changedAt = requireTime(body, 'status_changed_at');
        const environment = requireString(body, 'environment');
        const tier = optionalString(body, 'environment_tier');
        const commitUrl = optionalString(body, 'commit_url');
        // The payload carries the short sha; the full one ends the commit URL.
        const fullSha = commitUrl?.match(/\/commit\/([0-9a-f]{40})$/)?.[1];
        const finished = ['success', 'failure', 'cancelled'].includes(status);
        // No pipelineRun or rolledBack: the payload names the job that made
        // the deployment (`deployable_id`), not its pipeline, and GitLab does
        // not mark rollbacks (re-running an older deploy job is a new
        // deployment like any other). Each GitLab deployment is its own run.
        return {
          actions: [
            {
              type: 'deployment',
              deployment: {
                source: 'gitlab',
                externalId: `${requireString(
                  body,
                  'project.id',
                )}:${requireString(body, 'deployment_id')}`,
                subject: project(body),
                environment,
                production: tier
                  ? tier === 'production'
                  : /^prod/i.test(environment),
                version: optionalString(body, 'ref'),
                commitSha: fullSha ?? requireString(body, 'short_sha'),
                status,
                startedAt: changedAt,
                finishedAt: finished ? changedAt : undefined,
                url:
                  optionalString(body, 'deployable_url') ??
                  optionalString(body, 'environment_external_url'),
                message: optionalString(body, 'commit_title'),
                updatedAt: changedAt,
              },
            },
          ],
        };
      }
      case 'Merge Request Hook':
        return gitlabMergeRequest(body);
      case 'Push Hook': {
        const commits = at(body, 'commits');
        if (!Array.isArray(commits))
          throw new InputError('Payload has no commits array');
        if (!commits.length)
          return { actions: [], ignored: 'push without commits' };
        const total = at(body, 'total_commits_count');
        const webUrl = optionalString(body, 'project.web_url');
        const projectId = optionalString(body, 'project.id');
        return {
          actions: [
            {
              type: 'push',
              push: {
                subject: project(body),
                source: 'gitlab',
                ref: requireString(body, 'ref'),
                before: requireString(body, 'before'),
                after: requireString(body, 'after'),
                // GitLab does not say whether a push rewrote history.
                forced: false,
                // The newest 20 commits, oldest first; the total says how
                // many the push brought.
                commits: commits.map(commit => ({
                  sha: requireString(commit, 'id'),
                  author: optionalString(commit, 'author.name'),
                  committedAt: optionalTime(commit, 'timestamp'),
                  // The whole message: its trailers name cherry-picks.
                  message:
                    optionalString(commit, 'message') ??
                    optionalString(commit, 'title'),
                })),
                total: typeof total === 'number' ? total : undefined,
                listLimit: GITLAB_PUSH_COMMIT_LIMIT,
                repository: webUrl
                  ? { provider: 'gitlab', webUrl, projectId }
                  : undefined,
              },
            },
          ],
        };
      }
      default:
        return { actions: [], ignored: `event '${event}' is not used` };
    }
  },
};
