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
  DefaultGitlabCredentialsProvider,
  getGitLabRequestOptions,
  GithubCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { normaliseRepositoryUrl } from '@paved/plugin-paved-common';
import { ChangeInput } from '../deployments';

/** Where a repository lives, as the compare API needs it. */
export type RepositoryLocation = {
  provider: 'github' | 'gitlab';
  /** e.g. https://github.com/acme/checkout */
  webUrl: string;
  /** GitLab: the project id or its path (the endpoint takes either). */
  projectId?: string;
};

/** The commits between two commits, as the SCM reports them. */
export type Comparison = {
  /** Commits reachable from head and not from the merge base, oldest first. */
  commits: Array<ChangeInput & { parents: string[] }>;
  /** False when the SCM gave fewer commits than the range has. */
  complete: boolean;
  reason?: string;
};

/** Asks an SCM which commits lie between two commits. */
export interface CommitComparer {
  /** Undefined when no integration is configured for the repository's host. */
  compare(
    repository: RepositoryLocation,
    base: string,
    head: string,
  ): Promise<Comparison> | undefined;
}

/** Where a repository link key points, when it names one. */
export function repositoryLocationOf(
  subject: string,
  stored?: { provider: string; web_url: string; project_id: string | null },
): RepositoryLocation | undefined {
  if (
    stored &&
    (stored.provider === 'github' || stored.provider === 'gitlab')
  ) {
    return {
      provider: stored.provider,
      webUrl: stored.web_url,
      projectId: stored.project_id ?? undefined,
    };
  }
  const [annotation, value] = [
    subject.slice(0, subject.indexOf('=')),
    subject.slice(subject.indexOf('=') + 1),
  ];
  if (annotation === 'github.com/project-slug') {
    return { provider: 'github', webUrl: `https://github.com/${value}` };
  }
  if (annotation === 'gitlab.com/project-slug') {
    return {
      provider: 'gitlab',
      webUrl: `https://gitlab.com/${value}`,
      projectId: value,
    };
  }
  if (annotation === 'backstage.io/source-location') {
    const repo = normaliseRepositoryUrl(value);
    if (repo?.host === 'github.com') {
      return { provider: 'github', webUrl: repo.url };
    }
    if (repo?.host.startsWith('gitlab')) {
      return { provider: 'gitlab', webUrl: repo.url, projectId: repo.slug };
    }
  }
  return undefined;
}

/** GitHub lists at most this many commits per page of a comparison. */
const GITHUB_PAGE = 100;

/**
 * The SCMs' compare APIs, reached through Backstage's `integrations`
 * config and credentials:
 *
 * - GitHub `GET /repos/{owner}/{repo}/compare/{base}...{head}` (three dots:
 *   from the merge base, so after a force-push only the new history
 *   counts), paged 100 at a time up to `maxCommits`;
 * - GitLab `GET /projects/:id/repository/compare?from=&to=&straight=false`
 *   (the same merge-base comparison).
 */
export class ScmCommitComparer implements CommitComparer {
  private readonly github: GithubCredentialsProvider;
  private readonly gitlab: GitlabCredentialsProvider;

  constructor(
    private readonly options: {
      integrations: ScmIntegrationRegistry;
      github?: GithubCredentialsProvider;
      gitlab?: GitlabCredentialsProvider;
      maxCommits?: number;
      fetch?: typeof fetch;
    },
  ) {
    this.github =
      options.github ??
      DefaultGithubCredentialsProvider.fromIntegrations(options.integrations);
    this.gitlab =
      options.gitlab ??
      DefaultGitlabCredentialsProvider.fromIntegrations(options.integrations);
  }

  compare(
    repository: RepositoryLocation,
    base: string,
    head: string,
  ): Promise<Comparison> | undefined {
    if (repository.provider === 'github') {
      const integration = this.options.integrations.github.byUrl(
        repository.webUrl,
      );
      return integration
        ? this.compareGithub(
            integration.config.apiBaseUrl,
            repository,
            base,
            head,
          )
        : undefined;
    }
    const integration = this.options.integrations.gitlab.byUrl(
      repository.webUrl,
    );
    return integration
      ? this.compareGitlab(integration.config, repository, base, head)
      : undefined;
  }

  private get maxCommits() {
    return this.options.maxCommits ?? 1000;
  }

  private async get(url: string, headers: Record<string, string>) {
    const response = await (this.options.fetch ?? fetch)(url, { headers });
    if (!response.ok) {
      throw new Error(
        `${url.replace(/\?.*$/, '')} answered ${response.status} ${
          response.statusText
        }`.trim(),
      );
    }
    return response.json();
  }

  private async compareGithub(
    apiBaseUrl: string | undefined,
    repository: RepositoryLocation,
    base: string,
    head: string,
  ): Promise<Comparison> {
    const slug = normaliseRepositoryUrl(repository.webUrl)?.slug;
    if (!apiBaseUrl || !slug) {
      throw new Error(`no GitHub API for ${repository.webUrl}`);
    }
    const { headers } = await this.github.getCredentials({
      url: repository.webUrl,
    });
    const commits: Comparison['commits'] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const body = await this.get(
        `${apiBaseUrl}/repos/${slug}/compare/${encodeURIComponent(
          base,
        )}...${encodeURIComponent(head)}?per_page=${GITHUB_PAGE}&page=${page}`,
        { Accept: 'application/vnd.github+json', ...headers },
      );
      total = Number(body.total_commits ?? 0);
      const list: any[] = Array.isArray(body.commits) ? body.commits : [];
      for (const c of list) {
        commits.push({
          sha: String(c.sha),
          author: c.author?.login ?? c.commit?.author?.name ?? undefined,
          authoredAt: date(c.commit?.author?.date),
          committedAt: date(c.commit?.committer?.date),
          message: c.commit?.message ?? undefined,
          parents: (c.parents ?? []).map((p: any) => String(p.sha)),
        });
      }
      if (
        commits.length >= total ||
        list.length < GITHUB_PAGE ||
        commits.length >= this.maxCommits
      ) {
        break;
      }
    }
    const complete = commits.length >= total;
    return {
      commits,
      complete,
      reason: complete
        ? undefined
        : `GitHub listed ${commits.length} of ${total} commits`,
    };
  }

  private async compareGitlab(
    config: Parameters<typeof getGitLabRequestOptions>[0],
    repository: RepositoryLocation,
    base: string,
    head: string,
  ): Promise<Comparison> {
    const project =
      repository.projectId ?? normaliseRepositoryUrl(repository.webUrl)?.slug;
    if (!project) throw new Error(`no GitLab project for ${repository.webUrl}`);
    const credentials = await this.gitlab.getCredentials({
      url: repository.webUrl,
    });
    const headers =
      credentials.headers ??
      getGitLabRequestOptions(config, credentials.token).headers;
    const body = await this.get(
      `${config.apiBaseUrl}/projects/${encodeURIComponent(
        project,
      )}/repository/compare?from=${encodeURIComponent(
        base,
      )}&to=${encodeURIComponent(head)}&straight=false`,
      headers,
    );
    const list: any[] = Array.isArray(body.commits) ? body.commits : [];
    const commits = list.map(c => ({
      sha: String(c.id),
      author: c.author_name ?? undefined,
      authoredAt: date(c.authored_date),
      committedAt: date(c.committed_date),
      message: c.message ?? c.title ?? undefined,
      parents: (c.parent_ids ?? []).map(String),
    }));
    // A comparison that timed out lists only part of the range.
    if (body.compare_timeout) {
      return {
        commits,
        complete: false,
        reason: 'the GitLab comparison timed out',
      };
    }
    return { commits, complete: true };
  }
}

function date(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
