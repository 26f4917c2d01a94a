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
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { formatScoreProblem, loadScoreFiles } from '@paved/plugin-paved-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import { examples } from './deploy.examples';
import { explain, pavedClientFor } from './pavedApiClient';

/**
 * `paved:orchestrator:deploy`: deploys the Score workload in the workspace
 * to an environment through a Paved orchestrator provider, and records it
 * in the ledger. The workload is validated here first (the same checks as
 * the catalog); a dry run stops after that.
 *
 * @public
 */
export function createOrchestratorDeployAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'paved:orchestrator:deploy',
    description:
      'Deploys the Score workload from the workspace to an environment through a Paved orchestrator provider and records the deployment.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        provider: z =>
          z
            .string()
            .default('humanitec')
            .describe('Id of the Paved orchestrator provider, e.g. humanitec.'),
        projectId: z => z.string().describe('Project (application) id.'),
        environmentId: z => z.string().describe('Environment to deploy to.'),
        scoreFile: z =>
          z
            .string()
            .default('score.yaml')
            .describe('Path of the Score file in the workspace.'),
        entityRef: z =>
          z
            .string()
            .describe(
              'Catalog entity deployed, e.g. component:default/cart: Paved checks that the caller may deploy it and records the deployment for it in the ledger.',
            ),
      },
      output: {
        deploymentId: z =>
          z.string().optional().describe("The orchestrator's deployment id."),
        status: z => z.string().describe('Status right after the request.'),
        ledgerId: z =>
          z.string().optional().describe('Id of the Paved ledger record.'),
      },
    },
    async handler(ctx) {
      // The scaffolder does not apply zod defaults, so they are applied here.
      const { projectId, environmentId, entityRef } = ctx.input;
      const provider = ctx.input.provider ?? 'humanitec';
      const scoreFile = ctx.input.scoreFile ?? 'score.yaml';
      const path = resolveSafeChildPath(ctx.workspacePath, scoreFile);
      let content: string;
      try {
        content = await fs.readFile(path, 'utf8');
      } catch {
        throw new InputError(
          `Score file ${scoreFile} not found in the workspace; generate it first (paved:score:generate)`,
        );
      }
      const result = loadScoreFiles([{ file: scoreFile, content }]);
      const errors = result.problems.filter(p => p.severity === 'error');
      if (errors.length || result.workloads.length !== 1) {
        throw new InputError(
          `${scoreFile} must hold exactly one valid Score workload: ${
            errors.map(formatScoreProblem).join('; ') ||
            `found ${result.workloads.length}`
          }`,
        );
      }
      const workload = result.workloads[0].workload;
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: ${scoreFile} is valid; would deploy ${workload.metadata.name} to ${projectId}/${environmentId} through ${provider}`,
        );
        ctx.output('status', 'dry-run');
        return;
      }
      const client = pavedClientFor({
        ...options,
        credentials: await ctx.getInitiatorCredentials(),
      });
      const answer = await client
        .deployThroughOrchestrator(provider, {
          projectId,
          environmentId,
          workload,
          entityRef,
          // Retrying the step with the same task id never deploys twice.
          idempotencyKey: `scaffolder-${ctx.task.id}-${
            ctx.step?.id ?? 'deploy'
          }`,
        })
        .catch(error =>
          explain(
            error,
            `Deploying ${workload.metadata.name} to ${projectId}/${environmentId} through ${provider}`,
          ),
        );
      const deployment = answer.deployment!;
      ctx.logger.info(
        `Deployment ${deployment.id} to ${projectId}/${environmentId}: ${deployment.status} (${deployment.rawStatus})`,
      );
      ctx.output('deploymentId', deployment.id);
      ctx.output('status', deployment.status);
      if (answer.ledgerId) ctx.output('ledgerId', answer.ledgerId);
    },
  });
}
