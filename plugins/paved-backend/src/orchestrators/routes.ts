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
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  NotImplementedError,
} from '@backstage/errors';
import {
  deploymentCreatePermission,
  deploymentReadPermission,
  formatScoreProblem,
  linkKey,
  ScoreWorkload,
  loadScoreFiles,
} from '@paved/plugin-paved-common';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { DeploymentStore } from '../deployments';
import { GuardedRouter } from '../http/routeGuard';

/**
 * Adds `/v1/orchestrators/{provider}/…`: create a project with its
 * environments, list environments, deploy a Score workload; and
 * `/v1/deployments/{id}/logs`, the log of a ledger deployment read from the
 * orchestrator that made it. Creating and deploying need
 * `paved.deployment.create`; reading needs `paved.deployment.read`. The provider's org and credentials come from
 * backend config, never from the request.
 */
export function registerOrchestratorRoutes(
  router: GuardedRouter,
  options: {
    providers: () => OrchestratorProvider[];
    deployments: DeploymentStore;
  },
) {
  const { deployments } = options;

  const provider = (id: string) => {
    const found = options.providers().find(p => p.id === id);
    if (!found) {
      const ids = options.providers().map(p => p.id);
      throw new NotFoundError(
        `No orchestrator provider '${id}' (registered: ${
          ids.join(', ') || 'none'
        })`,
      );
    }
    return found;
  };

  const unsupported = (p: OrchestratorProvider, what: string) =>
    new NotImplementedError(`Provider '${p.id}' cannot ${what}`);

  router.post(
    '/v1/orchestrators/:provider/projects',
    {
      permission: deploymentCreatePermission,
      auditEventId: 'orchestrator-project-create',
      deniedMessage: 'Not allowed to create orchestrator projects',
      auditMeta: req => ({
        provider: req.params.provider,
        projectId: req.body.projectId,
        environments: (req.body.environments ?? []).map(e => e.id),
      }),
    },
    async (req, res) => {
      const p = provider(req.params.provider);
      if (!p.createProject) throw unsupported(p, 'create projects');
      const environments = req.body.environments ?? [];
      if (environments.length && !p.createEnvironment) {
        throw unsupported(p, 'create environments');
      }
      const project = await p.createProject({
        projectId: req.body.projectId,
        displayName: req.body.displayName,
      });
      const created = [];
      for (const env of environments) {
        created.push(
          await p.createEnvironment!({
            projectId: req.body.projectId,
            environmentId: env.id,
            environmentType: env.type,
            displayName: env.displayName,
          }),
        );
      }
      res.json({
        projectId: project.projectId,
        created: project.created,
        environments: created,
      });
      return { created: project.created };
    },
  );

  router.get(
    '/v1/orchestrators/:provider/projects/:project/environments',
    {
      permission: deploymentReadPermission,
      auditEventId: 'orchestrator-environment-list',
      deniedMessage: 'Not allowed to read orchestrator environments',
      auditMeta: req => ({ ...req.params }),
    },
    async (req, res) => {
      const p = provider(req.params.provider);
      if (!p.listEnvironments) throw unsupported(p, 'list environments');
      res.json({ items: await p.listEnvironments(req.params.project) });
    },
  );

  router.post(
    '/v1/orchestrators/:provider/deployments',
    {
      permission: deploymentCreatePermission,
      auditEventId: 'orchestrator-deploy',
      deniedMessage: 'Not allowed to deploy',
      auditMeta: req => ({
        provider: req.params.provider,
        projectId: req.body.projectId,
        environmentId: req.body.environmentId,
        entityRef: req.body.entityRef,
        dryRun: Boolean(req.body.dryRun),
      }),
    },
    async (req, res) => {
      const p = provider(req.params.provider);
      if (!p.deployScoreWorkload) {
        throw unsupported(p, 'deploy Score workloads');
      }
      const workload = checkWorkload(req.body.workload);
      let entityRef: string | undefined;
      if (req.body.entityRef) {
        try {
          entityRef = stringifyEntityRef(
            parseEntityRef(req.body.entityRef, { defaultKind: 'component' }),
          );
        } catch (error) {
          throw new InputError(`entityRef: ${(error as Error).message}`);
        }
      }
      const { projectId, environmentId } = req.body;
      const result = await p.deployScoreWorkload({
        projectId,
        environmentId,
        workload,
        idempotencyKey: req.body.idempotencyKey,
        dryRun: req.body.dryRun,
      });
      if ('dryRun' in result) {
        res.json({ dryRun: true, summary: result.summary });
        return { dryRun: true, workload: workload.metadata.name };
      }
      const environments = p.listEnvironments
        ? await p.listEnvironments(projectId).catch(() => [])
        : [];
      const recorded = await deployments.record({
        source: `orchestrator:${p.id}`,
        externalId: result.id,
        entityRef,
        subject: linkKey('paved.dev/orchestrator-project', projectId),
        environment: environmentId,
        production:
          environments.find(e => e.id === environmentId)?.production ??
          /^prod/i.test(environmentId),
        status: result.status,
        startedAt: new Date(result.createdAt),
        message: result.message,
        url: result.url,
        updatedAt: new Date(result.createdAt),
      });
      res.json({
        dryRun: false,
        deployment: result,
        ledgerId: recorded.deployment.id,
      });
      return {
        workload: workload.metadata.name,
        deploymentId: result.id,
        ledgerId: recorded.deployment.id,
      };
    },
  );

  router.get(
    '/v1/deployments/:id/logs',
    {
      permission: deploymentReadPermission,
      auditEventId: 'deployment-logs-read',
      deniedMessage: 'Not allowed to read deployments',
      auditMeta: req => ({ deploymentId: req.params.id }),
    },
    async (req, res) => {
      const { id } = req.params;
      const deployment = await deployments.get(id);
      if (!deployment) {
        throw new NotFoundError(`No deployment with id '${id}'`);
      }
      const providerId = orchestratorProviderId(deployment.source);
      if (!providerId) {
        throw new NotImplementedError(
          `Deployment '${id}' was not made through an orchestrator (source '${deployment.source}'): its logs are in the CI system that sent the record`,
        );
      }
      const p = options.providers().find(x => x.id === providerId);
      if (!p) {
        throw new NotImplementedError(
          `Deployment '${id}' was made through orchestrator provider '${providerId}', which is not registered in this backend, so its logs cannot be read`,
        );
      }
      if (!p.getDeploymentLogs) throw unsupported(p, 'read deployment logs');
      // The provider's NotFoundError / NotImplementedError (e.g. logs not
      // configured) pass through with their messages. The lines themselves
      // are never logged: they may hold anything the deployment printed.
      const lines = await p.getDeploymentLogs(deployment.externalId);
      // Only the documented fields (undefined ones are left out of the JSON).
      res.json({
        lines: lines.map(({ timestamp, level, message }) => ({
          timestamp,
          level,
          message,
        })),
      });
    },
  );
}

/** The provider id of a ledger source `orchestrator:<id>`, else undefined. */
function orchestratorProviderId(source: string): string | undefined {
  const prefix = 'orchestrator:';
  return source.startsWith(prefix) && source.length > prefix.length
    ? source.slice(prefix.length)
    : undefined;
}

/** Validates a Score workload with the same checks as the catalog processor. */
function checkWorkload(workload: unknown): ScoreWorkload {
  if (!workload || typeof workload !== 'object' || Array.isArray(workload)) {
    throw new InputError('workload must be a Score workload object');
  }
  // JSON is YAML: the same parser and checks as for score.yaml files.
  const result = loadScoreFiles([
    { file: 'workload', content: JSON.stringify(workload) },
  ]);
  const errors = result.problems.filter(p => p.severity === 'error');
  if (errors.length || result.workloads.length !== 1) {
    throw new InputError(
      `workload is not a valid Score workload: ${
        errors.map(e => formatScoreProblem(e)).join('; ') ||
        'expected exactly one workload'
      }`,
    );
  }
  return result.workloads[0].workload;
}
