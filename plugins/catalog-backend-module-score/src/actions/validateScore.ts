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
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseScoreFile, validateScoreFiles } from '@paved/plugin-paved-common';

/**
 * Registers `validate-score`: the Score checks the catalog runs on every
 * `score.yaml`, for text an agent has in hand. It reads nothing but its
 * input, so it needs no permission beyond being signed in.
 */
export function registerValidateScoreAction(actions: ActionsRegistryService) {
  actions.register({
    name: 'validate-score',
    title: 'Validate a Score file',
    description: [
      'Checks the text of a Score workload file (score.dev, apiVersion score.dev/v1b1) exactly as the',
      'Paved catalog does when it ingests score.yaml: YAML syntax, the Score JSON schema, placeholders,',
      'resource references, dependency cycles and hard-coded secrets.',
      'Use it before committing or proposing a Score file. Every problem has a 1-based line and column,',
      'a path into the document (e.g. containers.main.image) and a machine-readable code.',
      '`valid` is true when there are no problems of severity "error"; warnings (deprecated forms,',
      'hard-coded secrets) do not make a file invalid. Several workloads may be separated by `---`.',
    ].join(' '),
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          text: z
            .string()
            .min(1)
            .describe('The full text of the Score file (YAML), at most 1 MiB.'),
          file: z
            .string()
            .optional()
            .describe(
              'The file name problems are reported against; default score.yaml.',
            ),
        }),
      output: z =>
        z.object({
          valid: z
            .boolean()
            .describe('True when no problem has severity "error".'),
          workloads: z
            .array(z.string())
            .describe('Names (metadata.name) of the workloads without errors.'),
          problems: z.array(
            z.object({
              file: z.string(),
              line: z.number().int().describe('1-based line.'),
              column: z.number().int().describe('1-based column.'),
              path: z
                .string()
                .describe(
                  'Path into the document, e.g. containers.main.image.',
                ),
              message: z.string(),
              code: z
                .string()
                .describe('Machine-readable class, e.g. schema, yaml-syntax.'),
              severity: z.enum(['error', 'warning']),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const file = input.file ?? 'score.yaml';
      const { workloads, problems } = validateScoreFiles([
        parseScoreFile(file, input.text),
      ]);
      return {
        output: {
          valid: !problems.some(p => p.severity === 'error'),
          workloads: workloads.map(w => String(w.workload.metadata.name)),
          problems,
        },
      };
    },
  });
}
