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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { githubPullRequest, gitlabMergeRequest } from './pullRequests';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));

describe('pull-request webhooks', () => {
  it('reads a GitHub pull_request: opened asks for the head commit, closed removes', () => {
    const body = fixture('github-pull_request-opened.json');
    expect(githubPullRequest(body)).toEqual({
      actions: [
        {
          type: 'preview',
          preview: {
            scm: 'github',
            repository: 'acme/checkout',
            number: 7,
            title: 'Retry payment capture on timeout',
            webUrl: 'https://github.com/acme/checkout/pull/7',
            headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
            headRef: 'retry-capture',
            desired: 'active',
            updatedAt: new Date('2026-12-01T09:00:00Z'),
            reopened: false,
          },
        },
      ],
    });
    expect(
      (githubPullRequest({ ...body, action: 'closed' }).actions[0] as any)
        .preview.desired,
    ).toBe('closed');
    expect(githubPullRequest({ ...body, action: 'labeled' })).toEqual({
      actions: [],
      ignored: "pull_request action 'labeled' does not change previews",
    });
  });

  it('refuses a payload it cannot use, naming the field', () => {
    const body = fixture('github-pull_request-opened.json');
    body.pull_request.head.sha = 'main';
    expect(() => githubPullRequest(body)).toThrow(
      'Payload pull_request.head.sha must be a 40-character commit sha',
    );
    const long = fixture('github-pull_request-opened.json');
    long.repository.full_name = `acme/${'x'.repeat(300)}`;
    expect(() => githubPullRequest(long)).toThrow(
      'Payload pull request repository is longer than 255 characters',
    );
  });

  it('reads a GitLab merge request: open, pushed update, merge; ignores other updates', () => {
    const body = fixture('gitlab-merge-request-hook.json');
    expect(gitlabMergeRequest(body).actions[0]).toMatchObject({
      preview: {
        scm: 'gitlab',
        repository: 'acme/platform/billing',
        number: 12,
        desired: 'active',
        headSha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
        updatedAt: new Date('2026-12-01T09:00:00Z'),
      },
    });
    const update = (extra: object) => ({
      ...body,
      object_attributes: {
        ...body.object_attributes,
        action: 'update',
        ...extra,
      },
    });
    expect(gitlabMergeRequest(update({})).ignored).toBe(
      "merge request action 'update' does not change previews",
    );
    expect(
      (gitlabMergeRequest(update({ oldrev: 'a'.repeat(40) })).actions[0] as any)
        .preview.desired,
    ).toBe('active');
    expect(
      (
        gitlabMergeRequest(update({ action: 'merge', state: 'merged' }))
          .actions[0] as any
      ).preview.desired,
    ).toBe('closed');
  });
});
