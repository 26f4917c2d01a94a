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
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { clipDescription, repositoryPath } from './reportText';

/** GitHub's deployment status states Paved reports. */
export type GithubDeploymentState =
  | 'in_progress'
  | 'success'
  | 'failure'
  | 'error'
  | 'inactive';

/** GitHub limits a status description to 140 characters. */
const MAX_DESCRIPTION = 140;

/**
 * Reports a preview back to its pull request as a GitHub deployment (one
 * per head commit, environment `pr-<number>`, transient, not production)
 * and deployment statuses with the environment's URL, through Backstage's
 * GitHub integration (`integrations.github` config and its credentials):
 *
 * - `POST /repos/{owner}/{repo}/deployments`
 * - `POST /repos/{owner}/{repo}/deployments/{id}/statuses`
 */
export class GithubPreviewReporter {
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      credentials?: GithubCredentialsProvider;
      fetch?: typeof fetch;
    },
  ) {
    this.credentials =
      options.credentials ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
  }

  /** Whether an integration covers the repository (else nothing is reported). */
  covers(repositoryUrl: string): boolean {
    return Boolean(this.options.integrations.github.byUrl(repositoryUrl));
  }

  /** Creates the deployment of a head commit; returns its id. */
  async createDeployment(input: {
    repositoryUrl: string;
    sha: string;
    environment: string;
    number: number;
  }): Promise<string> {
    const body = await this.post(input.repositoryUrl, 'deployments', {
      ref: input.sha,
      environment: input.environment,
      description: `Paved preview of pull request #${input.number}`,
      auto_merge: false,
      // The preview deploys this commit as it is; checks are not Paved's to wait for.
      required_contexts: [],
      transient_environment: true,
      production_environment: false,
    });
    if (typeof body?.id !== 'number' && typeof body?.id !== 'string') {
      throw new Error(
        `GitHub did not create a deployment for ${input.repositoryUrl}@${
          input.sha
        }: ${body?.message ?? 'no id in the answer'}`,
      );
    }
    return String(body.id);
  }

  /** Adds a status to a deployment. */
  async setStatus(input: {
    repositoryUrl: string;
    deploymentId: string;
    state: GithubDeploymentState;
    environment: string;
    description: string;
    environmentUrl?: string;
    logUrl?: string;
  }): Promise<void> {
    const description = clipDescription(input.description, MAX_DESCRIPTION);
    await this.post(
      input.repositoryUrl,
      `deployments/${encodeURIComponent(input.deploymentId)}/statuses`,
      {
        state: input.state,
        environment: input.environment,
        description,
        ...(input.environmentUrl
          ? { environment_url: input.environmentUrl }
          : {}),
        ...(input.logUrl ? { log_url: input.logUrl } : {}),
      },
    );
  }

  private async post(repositoryUrl: string, path: string, payload: object) {
    const integration = this.options.integrations.github.byUrl(repositoryUrl);
    const slug = repositoryPath(repositoryUrl);
    if (!integration?.config.apiBaseUrl || !/^[^/]+\/[^/]+$/.test(slug)) {
      throw new Error(`No GitHub integration for ${repositoryUrl}`);
    }
    const { headers } = await this.credentials.getCredentials({
      url: repositoryUrl,
    });
    const url = `${integration.config.apiBaseUrl}/repos/${slug}/${path}`;
    const response = await (this.options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        Accept: 'application/vnd.github+json',
        'Content-Type': 'application/json',
        'X-GitHub-Api-Version': '2022-11-28',
        ...headers,
      },
      body: JSON.stringify(payload),
    });
    const body = (await response.json().catch(() => undefined)) as any;
    if (!response.ok) {
      throw new Error(
        `GitHub POST /repos/${slug}/${path} answered ${response.status}${
          body?.message ? `: ${body.message}` : ''
        }`,
      );
    }
    return body;
  }
}
