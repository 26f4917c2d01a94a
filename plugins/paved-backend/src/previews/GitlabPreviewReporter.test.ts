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
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GitlabPreviewReporter } from './GitlabPreviewReporter';

const SHA = 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7';
const statuses = new Map<string, string>();
const sent: Array<{ url: string; auth: string | null; body: any }> = [];

// GitLab's commit status API on a self-hosted instance: it refuses to set
// the state a status already has (400 "Cannot transition status ...").
const server = setupServer(
  http.post(
    'https://gitlab.example.com/api/v4/projects/:project/statuses/:sha',
    async ({ request, params }) => {
      const body = (await request.json()) as any;
      sent.push({
        url: request.url,
        auth: request.headers.get('authorization'),
        body,
      });
      if (params.project === 'acme/missing') {
        return HttpResponse.json(
          { message: '404 Project Not Found' },
          { status: 404 },
        );
      }
      const key = `${params.project}@${params.sha} ${body.name}`;
      if (statuses.get(key) === body.state) {
        return HttpResponse.json(
          {
            message: `Cannot transition status via :${body.state} from :${body.state}`,
          },
          { status: 400 },
        );
      }
      statuses.set(key, body.state);
      return HttpResponse.json({ id: 1, status: body.state }, { status: 201 });
    },
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  statuses.clear();
  sent.length = 0;
});

const reporter = new GitlabPreviewReporter({
  integrations: ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: {
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
            token: 'glpat-preview',
          },
        ],
      },
    }),
  ),
});

describe('GitlabPreviewReporter', () => {
  it('sets the paved/preview commit status with the integration token', async () => {
    await reporter.setStatus({
      projectUrl: 'https://gitlab.example.com/acme/platform/billing',
      sha: SHA,
      state: 'success',
      description: 'Preview pr-12 is live',
      environmentUrl: 'https://pr-12.billing.example.com',
    });
    expect(sent).toEqual([
      {
        url: `https://gitlab.example.com/api/v4/projects/acme%2Fplatform%2Fbilling/statuses/${SHA}`,
        auth: 'Bearer glpat-preview',
        body: {
          state: 'success',
          name: 'paved/preview',
          description: 'Preview pr-12 is live',
          target_url: 'https://pr-12.billing.example.com',
        },
      },
    ]);
  });

  it('takes a status GitLab already holds as reported, and names other refusals', async () => {
    const input = {
      projectUrl: 'https://gitlab.example.com/acme/platform/billing',
      sha: SHA,
      state: 'in_progress' as const,
      description: 'Deploying',
    };
    await reporter.setStatus(input);
    await expect(reporter.setStatus(input)).resolves.toBeUndefined();
    expect(sent.map(s => s.body.state)).toEqual(['running', 'running']);

    await expect(
      reporter.setStatus({
        ...input,
        projectUrl: 'https://gitlab.example.com/acme/missing',
      }),
    ).rejects.toThrow(
      `GitLab POST /projects/acme%2Fmissing/statuses/${SHA} answered 404: 404 Project Not Found`,
    );
  });

  it('covers only projects an integration is configured for', () => {
    expect(reporter.covers('https://gitlab.example.com/acme/billing')).toBe(
      true,
    );
    expect(reporter.covers('https://gitlab.other.org/acme/billing')).toBe(
      false,
    );
  });
});
