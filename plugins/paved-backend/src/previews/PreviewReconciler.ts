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
  AuthService,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeploymentStatus,
  formatScoreProblem,
  linkKey,
  loadScoreFiles,
  SCORE_ANNOTATIONS,
  ScoreWorkload,
} from '@paved/plugin-paved-common';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { DeploymentStore } from '../deployments/DeploymentStore';
import { PreviewsConfig } from './config';
import {
  GithubDeploymentState,
  GithubPreviewReporter,
} from './GithubPreviewReporter';
import { GitlabPreviewReporter } from './GitlabPreviewReporter';
import { PreviewRecord, PreviewStore, PreviewUpdate } from './PreviewStore';

/** The annotation naming a component's repository, per SCM. */
const REPOSITORY_ANNOTATION = {
  github: 'github.com/project-slug',
  gitlab: 'gitlab.com/project-slug',
} as const;

/** A step that cannot succeed by retrying: the preview is skipped or refused. */
class PreviewRefusal extends Error {
  constructor(readonly state: 'skipped' | 'refused', message: string) {
    super(message);
  }
}

type Target = {
  entity: Entity;
  entityRef: string;
  provider: OrchestratorProvider;
  projectId: string;
  scoreUrl: string;
};

/**
 * Drives each preview to what its pull request wants: resolves the
 * component (its repository annotation, Score file and orchestrator
 * project), creates environment `pr-<n>`, deploys the head commit's Score
 * workload and records it in the ledger as a non-production deployment;
 * deletes the environment when the pull request closes or the preview
 * expires. Every step is safe to repeat (create-if-missing, a deployment
 * idempotency key per preview and commit, delete-if-present), so a retry
 * after a crash or on another replica does no harm. Failed steps back off
 * and are retried up to `maxAttempts`; GitHub pull requests get a
 * deployment status for each outcome.
 */
export class PreviewReconciler {
  readonly owner = randomUUID();
  private running?: Promise<number>;
  private again = false;

  constructor(
    private readonly options: {
      store: PreviewStore;
      deployments: DeploymentStore;
      providers: () => OrchestratorProvider[];
      catalog: CatalogService;
      auth: AuthService;
      urlReader: UrlReaderService;
      logger: LoggerService;
      config: PreviewsConfig;
      reporter?: GithubPreviewReporter;
      gitlabReporter?: GitlabPreviewReporter;
      leaseMs?: number;
      /** Base delay of the backoff between attempts; default 30 s. */
      retryDelayMs?: number;
    },
  ) {}

  /** Starts a run in the background, or another after the current one. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      let total = 0;
      do {
        this.again = false;
        try {
          total += await this.run();
        } catch (error) {
          this.options.logger.warn(
            `Reconciling previews failed: ${errorMessage(error)}`,
          );
        }
      } while (this.again);
      return total;
    })().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when the background run started by kick() has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Works on every due preview until none is left; returns how many steps ran. */
  async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.options.store.claimDue({
        owner: this.owner,
        leaseMs: this.options.leaseMs ?? 5 * 60_000,
        limit: 20,
      });
      if (!batch.length) return total;
      for (const preview of batch) {
        await this.reconcile(preview);
        total++;
      }
    }
  }

  private async reconcile(preview: PreviewRecord): Promise<void> {
    const { store, config } = this.options;
    let update: PreviewUpdate;
    try {
      if (preview.desired === 'closed') {
        update = await this.remove(preview);
      } else if (!config.enabled) {
        update = {
          state: 'skipped',
          reason: 'Previews are switched off (paved.previews.enabled: false)',
        };
      } else if (preview.state === 'deploying' && preview.deploymentId) {
        update = await this.follow(preview);
      } else {
        update = await this.deploy(preview);
      }
    } catch (error) {
      if (error instanceof PreviewRefusal) {
        update = { state: error.state, reason: error.message };
        if (error.state === 'refused') {
          update = {
            ...update,
            ...(await this.report(preview, 'failure', error.message)),
          };
        }
      } else {
        update = await this.failed(preview, errorMessage(error));
      }
    }
    await store.finish(preview, this.owner, {
      // What deploy() resolved and reported, kept whatever the outcome.
      entityRef: preview.entityRef ?? null,
      providerId: preview.providerId ?? null,
      projectId: preview.projectId ?? null,
      environmentId: preview.environmentId ?? null,
      reportId: preview.reportId ?? null,
      reportSha: preview.reportSha ?? null,
      ...update,
    });
  }

  /** A failed step: retried with backoff, or marked failed after the last attempt. */
  private async failed(
    preview: PreviewRecord,
    reason: string,
  ): Promise<PreviewUpdate> {
    const attempts = preview.attempts + 1;
    this.options.logger.warn(
      `Preview ${preview.repository}#${preview.number} attempt ${attempts}: ${reason}`,
    );
    if (attempts < this.options.config.maxAttempts) {
      const delay = (this.options.retryDelayMs ?? 30_000) * 2 ** (attempts - 1);
      return {
        attempts,
        reason: `Attempt ${attempts} failed, retrying: ${reason}`.slice(
          0,
          1000,
        ),
        nextAttemptAt: new Date(Date.now() + delay),
      };
    }
    const final = `Failed after ${attempts} attempts: ${reason}`.slice(0, 1000);
    if (preview.desired === 'closed') {
      // Still wanted gone: marked deleted would hide an environment left behind.
      return {
        attempts,
        reason: final,
        nextAttemptAt: new Date(Date.now() + 6 * 3600_000),
      };
    }
    return {
      attempts,
      state: 'failed',
      reason: final,
      ...(await this.report(preview, 'error', final)),
    };
  }

  /** Finds the component, its provider and project, and its Score file. */
  private async resolve(preview: PreviewRecord): Promise<Target> {
    const annotation = REPOSITORY_ANNOTATION[preview.scm];
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${annotation}`]: preview.repository,
        },
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const candidates: Target[] = [];
    for (const entity of items) {
      const scoreUrl =
        entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreFile];
      if (!scoreUrl) continue;
      for (const provider of this.options.providers()) {
        const projectId = provider.targetForEntity?.(entity)?.projectId;
        if (projectId) {
          candidates.push({
            entity,
            entityRef: stringifyEntityRef(entity),
            provider,
            projectId,
            scoreUrl,
          });
        }
      }
    }
    if (!candidates.length) {
      throw new PreviewRefusal(
        'skipped',
        items.length
          ? `No component of ${annotation}: ${preview.repository} has both a Score file (${SCORE_ANNOTATIONS.scoreFile}) and an orchestrator project a registered provider manages`
          : `No component in the catalog has ${annotation}: ${preview.repository}`,
      );
    }
    // One preview per pull request: with several, the first by entity ref.
    candidates.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return candidates[0];
  }

  private async deploy(preview: PreviewRecord): Promise<PreviewUpdate> {
    const target = await this.resolve(preview);
    const { provider, projectId } = target;
    const where = {
      entityRef: target.entityRef,
      providerId: provider.id,
      projectId,
      environmentId: `pr-${preview.number}`,
    };
    // Later steps (and a refusal) report and record against this target.
    Object.assign(preview, where);
    if (!provider.createEnvironment || !provider.deployScoreWorkload) {
      throw new PreviewRefusal(
        'skipped',
        `Provider '${provider.id}' cannot create environments and deploy Score workloads`,
      );
    }
    const live = await this.options.store.countLive(
      provider.id,
      projectId,
      preview.id,
    );
    const max = this.options.config.maxPerProject;
    if (live >= max) {
      const reason = `Preview limit reached: project ${projectId} already has ${live} of ${max} previews (paved.previews.maxPerProject); close a pull request or raise the limit`;
      throw new PreviewRefusal('refused', reason);
    }
    await this.report(
      preview,
      'in_progress',
      `Deploying ${preview.headSha.slice(0, 7)} to ${where.environmentId}`,
    );
    const workload = await this.readWorkload(target, preview.headSha);
    const { environment } = await provider.createEnvironment({
      projectId,
      environmentId: where.environmentId,
      environmentType: this.options.config.environmentType,
      displayName: `Preview of #${preview.number}`,
    });
    if (environment.production) {
      // Previews never count as production: refuse rather than deploy.
      throw new PreviewRefusal(
        'refused',
        `Environment type '${this.options.config.environmentType}' counts as production at ${provider.id}; set paved.previews.environmentType to a non-production type`,
      );
    }
    const result = await provider.deployScoreWorkload({
      projectId,
      environmentId: where.environmentId,
      workload,
      idempotencyKey: `paved-preview-${preview.id}-${preview.headSha}`,
    });
    if ('dryRun' in result)
      throw new Error('The provider answered with a dry run');
    await this.options.deployments.record({
      source: `orchestrator:${provider.id}`,
      externalId: result.id,
      entityRef: target.entityRef,
      subject: linkKey('paved.dev/orchestrator-project', projectId),
      environment: where.environmentId,
      production: false,
      commitSha: preview.headSha,
      version: preview.headRef,
      status: result.status,
      startedAt: new Date(result.createdAt),
      finishedAt: result.completedAt ? new Date(result.completedAt) : undefined,
      message: result.message,
      url: result.url,
      updatedAt: new Date(result.completedAt ?? result.createdAt),
    });
    return {
      environmentUrl: environment.url ?? null,
      deploymentId: result.id,
      ...(await this.outcome(
        preview,
        result.status,
        environment.url,
        result.message,
      )),
    };
  }

  /** A deployment still running: asks the provider how it went. */
  private async follow(preview: PreviewRecord): Promise<PreviewUpdate> {
    const provider = this.options
      .providers()
      .find(p => p.id === preview.providerId);
    if (!provider?.getDeployment) {
      throw new Error(
        `Provider '${preview.providerId}' cannot report deployment status`,
      );
    }
    const deployment = await provider.getDeployment(preview.deploymentId!);
    if (!deployment)
      throw new Error(
        `Deployment ${preview.deploymentId} is unknown to ${provider.id}`,
      );
    return this.outcome(
      preview,
      deployment.status,
      preview.environmentUrl,
      deployment.message,
    );
  }

  private async outcome(
    preview: PreviewRecord,
    status: DeploymentStatus,
    url: string | undefined,
    detail?: string,
  ): Promise<PreviewUpdate> {
    if (status === 'success') {
      return {
        state: 'active',
        reason: null,
        attempts: 0,
        nextAttemptAt: null,
        deployedSha: preview.headSha,
        ...(await this.report(
          preview,
          'success',
          `Preview of ${preview.headSha.slice(0, 7)} is live`,
          url,
        )),
      };
    }
    if (
      status === 'pending' ||
      status === 'in_progress' ||
      status === 'unknown'
    ) {
      // Asked again soon; not an attempt that failed.
      return {
        state: 'deploying',
        nextAttemptAt: new Date(Date.now() + 15_000),
      };
    }
    const reason = `The deployment ended ${status}${
      detail ? `: ${detail}` : ''
    }`.slice(0, 1000);
    return {
      state: 'failed',
      reason,
      ...(await this.report(preview, 'failure', reason)),
    };
  }

  private async remove(preview: PreviewRecord): Promise<PreviewUpdate> {
    const provider = this.options
      .providers()
      .find(p => p.id === preview.providerId);
    let detail = 'Nothing was deployed';
    if (provider && preview.projectId && preview.environmentId) {
      if (!provider.deleteEnvironment) {
        throw new Error(`Provider '${provider.id}' cannot delete environments`);
      }
      const result = await provider.deleteEnvironment({
        projectId: preview.projectId,
        environmentId: preview.environmentId,
      });
      detail = result.pending
        ? `Environment ${preview.environmentId} is being destroyed`
        : `Environment ${preview.environmentId} deleted`;
    } else if (preview.providerId && !provider) {
      throw new Error(
        `Provider '${preview.providerId}' is not registered any more`,
      );
    }
    return {
      state: 'deleted',
      reason: preview.reason ?? detail,
      attempts: 0,
      nextAttemptAt: null,
      ...(await this.report(preview, 'inactive', detail)),
    };
  }

  private async readWorkload(
    target: Target,
    sha: string,
  ): Promise<ScoreWorkload> {
    // The Score file at the head commit: the ref in its URL swapped for the sha.
    const url = target.scoreUrl.replace(
      /\/(-\/)?blob\/[^/]+\//,
      (_m, dash) => `/${dash ?? ''}blob/${sha}/`,
    );
    const localFile =
      url === target.scoreUrl ? fileLocationScoreFile(target) : undefined;
    if (url === target.scoreUrl && !localFile) {
      throw new PreviewRefusal(
        'skipped',
        `Cannot tell the commit in the Score file URL ${target.scoreUrl} (expected …/blob/<ref>/…)`,
      );
    }
    // A file location (the development portal's examples) has no commits:
    // its current Score file is what the preview deploys.
    const content = localFile
      ? await readFile(localFile, 'utf8')
      : (await (await this.options.urlReader.readUrl(url)).buffer()).toString(
          'utf8',
        );
    const result = loadScoreFiles([{ file: url, content }]);
    const errors = result.problems.filter(p => p.severity === 'error');
    const name = target.entity.metadata.name;
    const found =
      result.workloads.find(w => w.workload.metadata.name === name) ??
      (result.workloads.length === 1 ? result.workloads[0] : undefined);
    if (errors.length || !found) {
      throw new PreviewRefusal(
        'refused',
        `The Score file at ${sha.slice(0, 7)} is not valid: ${
          errors.map(e => formatScoreProblem(e)).join('; ') ||
          `no workload named ${name}`
        }`.slice(0, 1000),
      );
    }
    return found.workload;
  }

  /**
   * Reports to the pull request: on GitHub a deployment per head commit,
   * then its status; on GitLab a commit status on the head commit.
   * Reporting never fails the preview; its failure is logged.
   */
  private async report(
    preview: PreviewRecord,
    state: GithubDeploymentState,
    description: string,
    environmentUrl?: string,
  ): Promise<Pick<PreviewUpdate, 'reportId' | 'reportSha'>> {
    if (preview.scm === 'gitlab') {
      await this.reportToGitlab(preview, state, description, environmentUrl);
      return {};
    }
    const { reporter, logger } = this.options;
    const repositoryUrl = preview.webUrl?.replace(/\/pull\/\d+\/?$/, '');
    if (
      preview.scm !== 'github' ||
      !reporter ||
      !repositoryUrl ||
      !reporter.covers(repositoryUrl)
    ) {
      return {};
    }
    const environment = preview.environmentId ?? `pr-${preview.number}`;
    try {
      let reportId =
        preview.reportSha === preview.headSha ? preview.reportId : undefined;
      if (!reportId) {
        if (state === 'inactive') return {};
        reportId = await reporter.createDeployment({
          repositoryUrl,
          sha: preview.headSha,
          environment,
          number: preview.number,
        });
      }
      await reporter.setStatus({
        repositoryUrl,
        deploymentId: reportId,
        state,
        environment,
        description,
        environmentUrl,
      });
      preview.reportId = reportId;
      preview.reportSha = preview.headSha;
      return { reportId, reportSha: preview.headSha };
    } catch (error) {
      logger.warn(
        `Could not report preview ${preview.repository}#${
          preview.number
        } to GitHub: ${errorMessage(error)}`,
      );
      return {};
    }
  }

  private async reportToGitlab(
    preview: PreviewRecord,
    state: GithubDeploymentState,
    description: string,
    environmentUrl?: string,
  ) {
    const { gitlabReporter, logger } = this.options;
    const projectUrl = preview.webUrl?.replace(
      /\/-\/merge_requests\/\d+\/?$/,
      '',
    );
    if (!gitlabReporter || !projectUrl || !gitlabReporter.covers(projectUrl)) {
      return;
    }
    try {
      await gitlabReporter.setStatus({
        projectUrl,
        sha: preview.headSha,
        state,
        description,
        environmentUrl,
      });
    } catch (error) {
      logger.warn(
        `Could not report preview ${preview.repository}!${
          preview.number
        } to GitLab: ${errorMessage(error)}`,
      );
    }
  }
}

function errorMessage(error: unknown) {
  return isError(error) ? error.message : String(error);
}

/**
 * The Score file of a component the catalog read from a `file` location
 * (development): only a file in that location's directory or below it,
 * which the Score catalog processor has read already, never another path.
 */
function fileLocationScoreFile(target: Target): string | undefined {
  const location =
    target.entity.metadata.annotations?.['backstage.io/managed-by-location'];
  if (!location?.startsWith('file:')) return undefined;
  const file = target.scoreUrl.replace(/^file:/, '');
  if (!isAbsolute(file)) return undefined;
  const inside = relative(dirname(location.slice('file:'.length)), file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
    return undefined;
  }
  return resolve(file);
}
