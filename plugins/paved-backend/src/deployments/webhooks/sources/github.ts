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
import { githubPullRequest } from '../../../previews/pullRequests';
import { verifyHexSignature } from '../signatures';
import { header, Interpretation, WebhookSource } from '../types';

const STATES: Record<string, DeploymentStatus | undefined> = {
  queued: 'pending',
  pending: 'pending',
  in_progress: 'in_progress',
  success: 'success',
  failure: 'failure',
  error: 'error',
  // "inactive" marks an older deployment superseded by a newer one; it says
  // nothing about how the deployment went, so it changes nothing.
  inactive: undefined,
};

const FINISHED: DeploymentStatus[] = ['success', 'failure', 'error'];

/** A push delivery lists at most this many commits. */
const GITHUB_PUSH_COMMIT_LIMIT = 2048;

function repository(body: unknown): string {
  return linkKey(
    'github.com/project-slug',
    requireString(body, 'repository.full_name'),
  );
}

function deploymentFrom(
  body: unknown,
  status: DeploymentStatus,
  statusPath?: string,
) {
  const environment =
    (statusPath && optionalString(body, `${statusPath}.environment`)) ??
    requireString(body, 'deployment.environment');
  const production = at(body, 'deployment.production_environment');
  const updatedAt = statusPath
    ? requireTime(body, `${statusPath}.updated_at`)
    : requireTime(body, 'deployment.updated_at');
  return {
    source: 'github',
    externalId: requireString(body, 'deployment.id'),
    subject: repository(body),
    environment,
    production:
      typeof production === 'boolean' ? production : /^prod/i.test(environment),
    version: optionalString(body, 'deployment.ref'),
    commitSha: requireString(body, 'deployment.sha'),
    status,
    startedAt: requireTime(body, 'deployment.created_at'),
    finishedAt:
      statusPath && FINISHED.includes(status)
        ? optionalTime(body, `${statusPath}.created_at`)
        : undefined,
    url:
      (statusPath &&
        (optionalString(body, `${statusPath}.environment_url`) ??
          optionalString(body, `${statusPath}.target_url`))) ||
      undefined,
    message:
      (statusPath && optionalString(body, `${statusPath}.description`)) ||
      optionalString(body, 'deployment.description'),
    updatedAt,
  };
}

/**
 * The pipeline run of a deployment made by GitHub Actions: the workflow run
 * GitHub puts in `deployment` and `deployment_status` events (`null` or
 * absent for deployments created through the REST API), as its web address
 * `https://github.com/<owner>/<repo>/actions/runs/<id>`. A CI step that
 * records the same run through the API can send that address too
 * (`$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID`).
 * Re-run attempts keep the run id, so they are one run. GitHub has no
 * rollback flag on deployments (`task` is free text, `payload` is the
 * deployer's own data), so `rolledBack` is never set from GitHub.
 */
function workflowRun(body: unknown): string | undefined {
  return optionalString(body, 'workflow_run.html_url');
}

/**
 * GitHub webhooks: `X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>`,
 * delivery id `X-GitHub-Delivery`, event `X-GitHub-Event`. Reads
 * `deployment`, `deployment_status`, `push` and issues carrying an incident
 * label.
 */
export const githubSource: WebhookSource = {
  id: 'github',
  signatureHeader: 'X-Hub-Signature-256',
  verify(request, secret) {
    verifyHexSignature({
      value: header(request.headers, 'x-hub-signature-256'),
      headerName: 'X-Hub-Signature-256',
      prefix: 'sha256=',
      secret,
      body: request.rawBody,
    });
  },
  identify(request) {
    const deliveryId = header(request.headers, 'x-github-delivery');
    const event = header(request.headers, 'x-github-event');
    if (!deliveryId) throw new InputError('Missing X-GitHub-Delivery header');
    if (!event) throw new InputError('Missing X-GitHub-Event header');
    return { deliveryId, event };
  },
  interpret(event, body, options): Interpretation {
    switch (event) {
      case 'ping':
        return { actions: [], ignored: 'ping' };
      case 'pull_request':
        return githubPullRequest(body);
      case 'deployment':
        return {
          actions: [
            {
              type: 'deployment',
              deployment: deploymentFrom(body, 'pending'),
              pipelineRun: workflowRun(body),
            },
          ],
        };
      case 'deployment_status': {
        const state = requireString(body, 'deployment_status.state');
        if (!(state in STATES)) {
          throw new InputError(`Unknown deployment_status.state '${state}'`);
        }
        const status = STATES[state];
        if (!status) {
          return { actions: [], ignored: `deployment status '${state}'` };
        }
        return {
          actions: [
            {
              type: 'deployment',
              deployment: deploymentFrom(body, status, 'deployment_status'),
              pipelineRun: workflowRun(body),
            },
          ],
        };
      }
      case 'push': {
        const after = requireString(body, 'after');
        const commits = at(body, 'commits');
        if (!Array.isArray(commits))
          throw new InputError('Payload has no commits array');
        if (/^0+$/.test(after) || commits.length === 0) {
          return {
            actions: [],
            ignored: 'push without commits (e.g. a deleted ref)',
          };
        }
        const webUrl = optionalString(body, 'repository.html_url');
        return {
          actions: [
            {
              type: 'push',
              push: {
                subject: repository(body),
                source: 'github',
                ref: requireString(body, 'ref'),
                before: requireString(body, 'before'),
                after,
                forced: at(body, 'forced') === true,
                // Oldest first; at most 2,048, and GitHub gives no total.
                commits: commits.map(commit => ({
                  sha: requireString(commit, 'id'),
                  author:
                    optionalString(commit, 'author.username') ??
                    optionalString(commit, 'author.name'),
                  // GitHub's push payload has one time per commit.
                  committedAt: optionalTime(commit, 'timestamp'),
                  // The whole message: its trailers name cherry-picks.
                  message: optionalString(commit, 'message'),
                })),
                listLimit: GITHUB_PUSH_COMMIT_LIMIT,
                repository: webUrl ? { provider: 'github', webUrl } : undefined,
              },
            },
          ],
        };
      }
      case 'issues': {
        const labels = at(body, 'issue.labels');
        const names = Array.isArray(labels)
          ? labels.map(l => String(at(l, 'name') ?? '').toLowerCase())
          : [];
        const wanted = options.incidentLabels.map(l => l.toLowerCase());
        requireString(body, 'action');
        const isIncident = names.some(n => wanted.includes(n));
        // An issue that just lost the label stays an incident in the ledger.
        if (!isIncident) {
          return {
            actions: [],
            ignored: `issue without an incident label (${wanted.join(', ')})`,
          };
        }
        const state = requireString(body, 'issue.state');
        return {
          actions: [
            {
              type: 'incident',
              incident: {
                source: 'github',
                externalId: requireString(body, 'issue.id'),
                subject: repository(body),
                title: requireString(body, 'issue.title'),
                severity: names.find(n => /^(sev|p)\d$/.test(n)),
                status: state === 'closed' ? 'resolved' : 'open',
                openedAt: requireTime(body, 'issue.created_at'),
                resolvedAt:
                  state === 'closed'
                    ? optionalTime(body, 'issue.closed_at')
                    : undefined,
                url: optionalString(body, 'issue.html_url'),
                updatedAt: requireTime(body, 'issue.updated_at'),
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
