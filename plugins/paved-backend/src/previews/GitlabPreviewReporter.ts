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
  DefaultGitlabCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { GithubDeploymentState } from './GithubPreviewReporter';
import { clipDescription, repositoryPath } from './reportText';

/** The commit status context Paved reports previews under. */
export const GITLAB_PREVIEW_STATUS_NAME = 'paved/preview';

/** GitLab's commit status states for each state Paved reports. */
const GITLAB_STATE: Record<GithubDeploymentState, string> = {
  in_progress: 'running',
  success: 'success',
  failure: 'failed',
  error: 'failed',
  inactive: 'canceled',
};

/** GitLab keeps a commit status description to 255 characters. */
const MAX_DESCRIPTION = 255;

/**
 * Reports a preview back to its merge request as a commit status on the
 * head commit (`paved/preview`, with the environment's URL as its target),
 * through Backstage's GitLab integration (`integrations.gitlab` config and
 * its credentials): `POST /projects/{id}/statuses/{sha}`. The merge
 * request's pipeline widget shows it with a link to the preview.
 */
export class GitlabPreviewReporter {
  private readonly credentials: GitlabCredentialsProvider;

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials?: GitlabCredentialsProvider;
      fetch?: typeof fetch;
    },
  ) {
    this.credentials =
      options.credentials ??
      DefaultGitlabCredentialsProvider.fromIntegrations(options.integrations);
  }

  /** Whether an integration covers the project (else nothing is reported). */
  covers(projectUrl: string): boolean {
    return Boolean(this.options.integrations.gitlab.byUrl(projectUrl));
  }

  /** Sets the preview's commit status on `sha`. */
  async setStatus(input: {
    projectUrl: string;
    sha: string;
    state: GithubDeploymentState;
    description: string;
    environmentUrl?: string;
  }): Promise<void> {
    const integration = this.options.integrations.gitlab.byUrl(
      input.projectUrl,
    );
    const project = repositoryPath(input.projectUrl);
    if (!integration?.config.apiBaseUrl || !project.includes('/')) {
      throw new Error(`No GitLab integration for ${input.projectUrl}`);
    }
    const { headers } = await this.credentials.getCredentials({
      url: input.projectUrl,
    });
    const path = `/projects/${encodeURIComponent(
      project,
    )}/statuses/${encodeURIComponent(input.sha)}`;
    const description = clipDescription(input.description, MAX_DESCRIPTION);
    const response = await (this.options.fetch ?? fetch)(
      `${integration.config.apiBaseUrl}${path}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({
          state: GITLAB_STATE[input.state],
          name: GITLAB_PREVIEW_STATUS_NAME,
          description,
          ...(input.environmentUrl ? { target_url: input.environmentUrl } : {}),
        }),
      },
    );
    if (response.ok) return;
    const body = (await response.json().catch(() => undefined)) as any;
    const message = String(body?.message ?? body?.error ?? '');
    // GitLab refuses to set the state a status already has: reported.
    if (response.status === 400 && /cannot transition status/i.test(message)) {
      return;
    }
    throw new Error(
      `GitLab POST ${path} answered ${response.status}${
        message ? `: ${message}` : ''
      }`,
    );
  }
}
