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

import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatScoreProblem,
  GOLDEN_PATH_ANNOTATIONS,
} from '@paved/plugin-paved-common';
import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { examples } from './generate.examples';
import { applyDefaultsAndOverrides, buildWorkload } from './buildWorkload';
import { checkScoreText, scoreProblemsError } from './checkScore';

const WORKLOAD_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Records the overridden golden-path defaults on the Component in
 * catalog-info.yaml, keeping its comments and layout. Returns false when the
 * file has no Component named `name` (or only one Component of another name).
 */
async function annotateCatalogInfo(
  file: string,
  name: string,
  overridden: string[],
): Promise<boolean> {
  const docs = YAML.parseAllDocuments(await fs.readFile(file, 'utf8'));
  const components = docs.filter(d => d.get('kind') === 'Component');
  const doc =
    components.find(d => d.getIn(['metadata', 'name']) === name) ??
    (components.length === 1 ? components[0] : undefined);
  if (!doc) {
    return false;
  }
  const key = ['metadata', 'annotations', GOLDEN_PATH_ANNOTATIONS.overrides];
  if (overridden.length) {
    doc.setIn(key, overridden.join(','));
  } else {
    doc.deleteIn(key);
  }
  await fs.writeFile(file, docs.map(d => d.toString()).join(''), 'utf8');
  return true;
}

/**
 * `paved:score:generate`: writes a Score workload file from structured
 * inputs, the golden path's defaults and the developer's overrides, checks
 * it with Paved's Score model (the same checks as the catalog and
 * `paved score validate`) and records the overridden defaults on the
 * Component in catalog-info.yaml.
 *
 * @public
 */
export function createScoreGenerateAction() {
  return createTemplateAction({
    id: 'paved:score:generate',
    description:
      "Writes a Score workload file (score.yaml) from structured inputs, the golden path's defaults and the developer's overrides, validates it and records the overridden defaults in catalog-info.yaml.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .regex(
              WORKLOAD_NAME,
              'lowercase letters, digits and dashes, starting and ending with a letter or digit, at most 63 characters',
            )
            .describe('Workload name; name it after the component.'),
        targetPath: z =>
          z
            .string()
            .optional()
            .describe('Where to write the file in the workspace.'),
        overwrite: z =>
          z
            .boolean()
            .optional()
            .describe('Replace a Score file an earlier step already wrote.'),
        containerName: z =>
          z
            .string()
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
            .optional()
            .describe('Name of the workload container.'),
        image: z =>
          z
            .string()
            .min(1)
            .optional()
            .describe(
              'Container image; "." (the default) means the image built from this repository.',
            ),
        command: z => z.array(z.string()).optional(),
        args: z => z.array(z.string()).optional(),
        variables: z =>
          z
            .record(z.string())
            .optional()
            .describe(
              'Environment variables; values may use Score placeholders such as ${resources.db.host}.',
            ),
        ports: z =>
          z
            .array(
              z.object({
                name: z.string().min(1),
                port: z.number().int().min(1).max(65535),
                targetPort: z.number().int().min(1).max(65535).optional(),
                protocol: z.enum(['TCP', 'UDP']).optional(),
              }),
            )
            .optional()
            .describe('Service ports the workload exposes.'),
        resources: z =>
          z
            .record(
              z.object({
                type: z
                  .string()
                  .min(1)
                  .describe('postgres, redis, amqp, dns, route, volume, ...'),
                class: z.string().optional(),
                id: z.string().optional(),
                params: z.record(z.unknown()).optional(),
              }),
            )
            .optional()
            .describe('Resources the workload depends on, keyed by name.'),
        probes: z =>
          z
            .object({
              liveness: z.string().optional(),
              readiness: z.string().optional(),
              port: z.number().int().min(1).max(65535).optional(),
            })
            .optional()
            .describe(
              'HTTP paths of the liveness and readiness probes (port: the first service port).',
            ),
        annotations: z =>
          z
            .record(z.string())
            .optional()
            .describe('Workload metadata annotations.'),
        defaults: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              "The golden path's defaults: a Score workload fragment merged over the structured inputs.",
            ),
        overrides: z =>
          z
            .record(z.unknown())
            .optional()
            .describe(
              "The developer's choices: a Score workload fragment merged last. Empty values are ignored; every value that differs from a default is recorded.",
            ),
        catalogInfoPath: z =>
          z
            .string()
            .optional()
            .describe(
              'catalog-info.yaml in the workspace on which to record the overridden defaults (skipped when absent).',
            ),
      },
      output: {
        scoreFile: z =>
          z.string().describe('Path of the Score file in the workspace.'),
        workload: z => z.string().describe('Name of the workload.'),
        overridden: z =>
          z
            .array(z.string())
            .describe('Score paths of the golden-path defaults overridden.'),
        score: z => z.string().describe('The generated Score file.'),
      },
    },
    async handler(ctx) {
      const input = {
        ...ctx.input,
        targetPath: ctx.input.targetPath ?? 'score.yaml',
        overwrite: ctx.input.overwrite ?? false,
        containerName: ctx.input.containerName ?? 'main',
        image: ctx.input.image ?? '.',
        catalogInfoPath: ctx.input.catalogInfoPath ?? 'catalog-info.yaml',
      };
      const target = resolveSafeChildPath(ctx.workspacePath, input.targetPath);
      if (!input.overwrite && (await exists(target))) {
        throw new InputError(
          `${input.targetPath} already exists in the workspace (an earlier step wrote it); set overwrite: true to replace it or targetPath to write elsewhere`,
        );
      }

      let workload;
      let overridden: string[];
      try {
        const built = buildWorkload(input);
        ({ workload, overridden } = applyDefaultsAndOverrides(
          built,
          input.defaults,
          input.overrides,
        ));
      } catch (error) {
        throw new InputError(
          `paved:score:generate: ${(error as Error).message}`,
        );
      }
      if ((workload.metadata as { name?: unknown })?.name !== input.name) {
        throw new InputError(
          `overrides must not rename the workload (metadata.name is "${input.name}")`,
        );
      }

      const text = `# Score workload (https://score.dev), generated by Paved's golden path.\n# Validate changes with: npx @paved/cli score validate ${
        input.targetPath
      }\n${YAML.stringify(workload)}`;
      const check = checkScoreText(input.targetPath, text);
      if (check.errors.length) {
        ctx.logger.error(`The generated Score file:\n${text}`);
        throw scoreProblemsError(
          `The Score file generated from the inputs (${input.targetPath})`,
          check.errors,
        );
      }
      for (const warning of check.warnings) {
        ctx.logger.warn(formatScoreProblem(warning));
      }

      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text, 'utf8');
      ctx.logger.info(
        `Wrote ${input.targetPath} (workload ${
          input.name
        }); overridden defaults: ${
          overridden.length ? overridden.join(', ') : 'none'
        }`,
      );

      const catalogInfo = resolveSafeChildPath(
        ctx.workspacePath,
        input.catalogInfoPath,
      );
      if (await exists(catalogInfo)) {
        if (!(await annotateCatalogInfo(catalogInfo, input.name, overridden))) {
          throw new InputError(
            `${input.catalogInfoPath} has no Component named "${input.name}" to record the overridden defaults on`,
          );
        }
      } else {
        ctx.logger.info(
          `${input.catalogInfoPath} is not in the workspace; the overridden defaults are not recorded`,
        );
      }

      ctx.output('scoreFile', input.targetPath);
      ctx.output('workload', input.name);
      ctx.output('overridden', overridden);
      ctx.output('score', text);
    },
  });
}
