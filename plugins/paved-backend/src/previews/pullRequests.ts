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
import {
  at,
  optionalString,
  requireString,
  requireTime,
} from '../deployments/webhooks/read';
import type { Interpretation } from '../deployments/webhooks/types';
import { PreviewRequest } from './types';

const SHA = /^[0-9a-f]{40}$/;

function requireNumber(body: unknown, path: string): number {
  const value = at(body, path);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InputError(`Payload ${path} must be a positive integer`);
  }
  return value;
}

function requireSha(body: unknown, path: string): string {
  const value = requireString(body, path);
  if (!SHA.test(value)) {
    throw new InputError(`Payload ${path} must be a 40-character commit sha`);
  }
  return value;
}

/** Column sizes of paved_previews: a longer value is refused at intake. */
const LIMITS: Array<[keyof PreviewRequest, number]> = [
  ['repository', 255],
  ['headRef', 255],
  ['webUrl', 1000],
];

function preview(request: PreviewRequest): Interpretation {
  for (const [field, max] of LIMITS) {
    const value = request[field];
    if (typeof value === 'string' && value.length > max) {
      throw new InputError(
        `Payload pull request ${field} is longer than ${max} characters`,
      );
    }
  }
  return {
    actions: [
      {
        type: 'preview',
        preview: {
          ...request,
          title: request.title?.slice(0, 500),
        },
      },
    ],
  };
}

const GITHUB_ACTIVE = ['opened', 'synchronize', 'reopened'];

/**
 * GitHub `pull_request`: opened, synchronize (new commits) and reopened
 * ask for the head commit's preview; closed (merged or not) removes it.
 */
export function githubPullRequest(body: unknown): Interpretation {
  const action = requireString(body, 'action');
  if (!GITHUB_ACTIVE.includes(action) && action !== 'closed') {
    return {
      actions: [],
      ignored: `pull_request action '${action}' does not change previews`,
    };
  }
  return preview({
    scm: 'github',
    repository: requireString(body, 'repository.full_name'),
    number: requireNumber(body, 'pull_request.number'),
    title: optionalString(body, 'pull_request.title'),
    webUrl: optionalString(body, 'pull_request.html_url'),
    headSha: requireSha(body, 'pull_request.head.sha'),
    headRef: optionalString(body, 'pull_request.head.ref'),
    desired: action === 'closed' ? 'closed' : 'active',
    updatedAt: requireTime(body, 'pull_request.updated_at'),
    reopened: action === 'reopened',
  });
}

/**
 * GitLab `Merge Request Hook`: open, reopen and an update that pushed
 * commits (`oldrev` set) ask for the preview; close and merge remove it.
 */
export function gitlabMergeRequest(body: unknown): Interpretation {
  const action = optionalString(body, 'object_attributes.action');
  const state = requireString(body, 'object_attributes.state');
  const closed =
    action === 'close' ||
    action === 'merge' ||
    state === 'closed' ||
    state === 'merged';
  const pushed =
    action === 'update' && Boolean(at(body, 'object_attributes.oldrev'));
  if (!closed && action !== 'open' && action !== 'reopen' && !pushed) {
    return {
      actions: [],
      ignored: `merge request action '${
        action ?? 'none'
      }' does not change previews`,
    };
  }
  return preview({
    scm: 'gitlab',
    repository: requireString(body, 'project.path_with_namespace'),
    number: requireNumber(body, 'object_attributes.iid'),
    title: optionalString(body, 'object_attributes.title'),
    webUrl: optionalString(body, 'object_attributes.url'),
    headSha: requireSha(body, 'object_attributes.last_commit.id'),
    headRef: optionalString(body, 'object_attributes.source_branch'),
    desired: closed ? 'closed' : 'active',
    updatedAt: requireTime(body, 'object_attributes.updated_at'),
    reopened: action === 'reopen',
  });
}
