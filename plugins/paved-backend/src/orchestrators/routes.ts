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
  InputError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
} from '@backstage/errors';
import {
  deploymentLogsReadPermission,
  formatScoreProblem,
  linkKey,
  loadScoreFiles,
  orchestratorDeployPermission,
  orchestratorDeployProductionPermission,
  orchestratorEnvironmentReadPermission,
  orchestratorProjectCreatePermission,
  ScoreWorkload,
} from '@paved/plugin-paved-common';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { DeploymentStore } from '../deployments';
import { requestEntityRef } from '../http/EntityAccess';
import { GuardedRouter } from '../http/routeGuard';

/** The annotation naming an entity's orchestrator project. */
const PROJECT_ANNOTATION = 'paved.dev/orchestrator-project';

/**
 * Adds `/v1/orchestrators/{provider}/…`: create a project with its
 * environments, list environments, deploy a Score workload; and
 * `/v1/deployments/{id}/logs`, the log of a ledger deployment read from the
 * orchestrator that made it. Every call names a catalog entity, the
 * decision is about that entity, and the project must be the one the
 * entity's annotations name. Deploying to a production environment also
 * needs `paved.orchestrator.deploy.production`. The provider's org and
 * credentials come from backend config, never from the request.
 */
export function registerOrchestratorRoutes(
  router: GuardedRouter,
  options: {
    providers: () => OrchestratorProvider[];
    deployments: DeploymentStore;
  },
) {
  const { deployments } = options;
  const { entities } = router;

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

  /**
   * Refuses a project that is not the one the entity's annotations name
   * (the provider's own reading of them, else `paved.dev/orchestrator-project`).
   */
  const requireEntityProject = async (
    p: OrchestratorProvider,
    entityRef: string,
    projectId: string,
  ) => {
    const entity = await entities.entity(entityRef);
    if (!entity)
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    const own =
      p.targetForEntity?.(entity)?.projectId ??
      entity.metadata.annotations?.[PROJECT_ANNOTATION];
    if (own !== projectId) {
      throw new NotAllowedError(
        own
          ? `Project '${projectId}' is not the orchestrator project of ${entityRef} (its annotations name '${own}')`
          : `${entityRef} names no orchestrator project: add the ${PROJECT_ANNOTATION} annotation`,
      );
    }
  };

  // Whether an environment is production, asked once per request. An
  // environment the provider cannot describe counts as production.
  const productionOf = new WeakMap<object, Promise<boolean>>();
  const isProduction = (
    req: object,
    p: OrchestratorProvider,
    projectId: string,
    environmentId: string,
  ) => {
    let answer = productionOf.get(req);
    if (!answer) {
      answer = (async () => {
        if (!p.listEnvironments) return /^prod/i.test(environmentId);
        try {
          const found = (await p.listEnvironments(projectId)).find(
            e => e.id === environmentId,
          );
          return found ? found.production : /^prod/i.test(environmentId);
        } catch {
          return true;
        }
      })();
      productionOf.set(req, answer);
    }
    return answer;
  };

  router.post(
    '/v1/orchestrators/:provider/projects',
    {
      permission: orchestratorProjectCreatePermission,
      resourceRef: req => requestEntityRef(req.body.entityRef, 'entityRef'),
      auditEventId: 'orchestrator-project-create',
      deniedMessage: 'Not allowed to create orchestrator projects',
      auditMeta: req => ({
        provider: req.params.provider,
        entityRef: req.body.entityRef,
        projectId: req.body.projectId,
        environments: (req.body.environments ?? []).map(e => e.id),
      }),
    },
    async (req, res) => {
      const p = provider(req.params.provider);
      if (!p.createProject) throw unsupported(p, 'create projects');
      await requireEntityProject(
        p,
        requestEntityRef(req.body.entityRef, 'entityRef')!,
        req.body.projectId,
      );
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
      permission: orchestratorEnvironmentReadPermission,
      resourceRef: req => requestEntityRef(req.query.entity, 'entity'),
      auditEventId: 'orchestrator-environment-list',
      deniedMessage: 'Not allowed to read orchestrator environments',
      auditMeta: req => ({ ...req.params, entity: req.query.entity }),
    },
    async (req, res) => {
      const p = provider(req.params.provider);
      if (!p.listEnvironments) throw unsupported(p, 'list environments');
      await requireEntityProject(
        p,
        requestEntityRef(req.query.entity, 'entity')!,
        req.params.project,
      );
      res.json({ items: await p.listEnvironments(req.params.project) });
    },
  );

  router.post(
    '/v1/orchestrators/:provider/deployments',
    {
      permission: orchestratorDeployPermission,
      resourceRef: req => requestEntityRef(req.body.entityRef, 'entityRef'),
      additionalPermission: async req =>
        (await isProduction(
          req,
          provider(req.params.provider),
          req.body.projectId,
          req.body.environmentId,
        ))
          ? orchestratorDeployProductionPermission
          : undefined,
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
      const entityRef = requestEntityRef(req.body.entityRef, 'entityRef')!;
      const { projectId, environmentId } = req.body;
      await requireEntityProject(p, entityRef, projectId);
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
      const recorded = await deployments.record({
        source: `orchestrator:${p.id}`,
        externalId: result.id,
        entityRef,
        subject: linkKey('paved.dev/orchestrator-project', projectId),
        environment: environmentId,
        production: await isProduction(req, p, projectId, environmentId),
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
      permission: deploymentLogsReadPermission,
      resourceRef: async req => {
        const deployment = await deployments.get(req.params.id);
        return (
          deployment?.entityRef ??
          (await entities.entityForSubject(deployment?.subject))
        );
      },
      // A record no entity claims (or none at all): unconditional readers.
      unconditionalOnly: true,
      auditEventId: 'deployment-logs-read',
      deniedMessage: 'Not allowed to read deployment logs',
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
