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
import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './createApplication.examples';
import { explain, pavedClientFor } from './pavedApiClient';

/**
 * `paved:orchestrator:create-application`: creates the project
 * (application) and its environments through an orchestrator provider of
 * the Paved backend. Existing ones are kept, so re-running a template is
 * safe. In a dry run nothing is created.
 *
 * @public
 */
export function createOrchestratorCreateApplicationAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  return createTemplateAction({
    id: 'paved:orchestrator:create-application',
    description:
      'Creates an application (project) with its environments in the orchestrator, through a Paved orchestrator provider. Existing ones are kept.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        provider: z =>
          z
            .string()
            .default('humanitec')
            .describe('Id of the Paved orchestrator provider, e.g. humanitec.'),
        projectId: z =>
          z
            .string()
            .regex(
              /^[a-z](?:-?[a-z0-9]+)+$/,
              'lower-case letters, digits and single dashes, starting with a letter',
            )
            .describe('Project (application) id in the orchestrator.'),
        entityRef: z =>
          z
            .string()
            .describe(
              'Catalog entity the project belongs to, e.g. component:default/cart. Paved checks that the caller may create orchestrator projects for it and that its paved.dev/orchestrator-project annotation names this project.',
            ),
        displayName: z =>
          z.string().optional().describe('Human readable name.'),
        environments: z =>
          z
            .array(
              z.object({
                id: z.string().describe('Environment id, e.g. development.'),
                type: z
                  .string()
                  .describe(
                    "The orchestrator's environment type, e.g. development.",
                  ),
                displayName: z.string().optional(),
              }),
            )
            .default([])
            .describe('Environments to create in the project.'),
      },
      output: {
        projectId: z => z.string().describe('The project id.'),
        created: z =>
          z.boolean().describe('False when the project already existed.'),
        environments: z =>
          z.array(z.string()).describe('Ids of the environments now present.'),
      },
    },
    async handler(ctx) {
      // The scaffolder does not apply zod defaults, so they are applied here.
      const { projectId, displayName, entityRef } = ctx.input;
      const provider = ctx.input.provider ?? 'humanitec';
      const environments = ctx.input.environments ?? [];
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create project ${projectId} with environments ${
            environments.map(e => e.id).join(', ') || '(none)'
          } through provider ${provider}`,
        );
        ctx.output('projectId', projectId);
        ctx.output('created', false);
        ctx.output(
          'environments',
          environments.map(e => e.id),
        );
        return;
      }
      const client = pavedClientFor({
        ...options,
        credentials: await ctx.getInitiatorCredentials(),
      });
      const result = await client
        .createOrchestratorProject(provider, {
          entityRef,
          projectId,
          displayName,
          environments,
        })
        .catch(error =>
          explain(error, `Creating project ${projectId} through ${provider}`),
        );
      ctx.logger.info(
        `Project ${result.projectId} ${
          result.created ? 'created' : 'already existed'
        }; environments: ${
          result.environments
            .map(e => `${e.environment.id} (${e.created ? 'created' : 'kept'})`)
            .join(', ') || 'none requested'
        }`,
      );
      ctx.output('projectId', result.projectId);
      ctx.output('created', result.created);
      ctx.output(
        'environments',
        result.environments.map(e => e.environment.id),
      );
    },
  });
}
