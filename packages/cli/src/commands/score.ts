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
  formatScoreProblem,
  loadScoreFiles,
  scoreToEntities,
  ScoreValidationResult,
} from '@paved/plugin-paved-common';
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { printErr, printJson, printOut } from '../lib/output';

async function readFiles(paths: string[]) {
  return Promise.all(
    paths.map(async file => {
      try {
        return { file, content: await readFile(file, 'utf8') };
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as Error).message}`);
      }
    }),
  );
}

const errorsOf = (result: ScoreValidationResult) =>
  result.problems.filter(p => p.severity === 'error');

/**
 * `paved score validate` and `paved score entities`: the catalog
 * processor's checks and mapping, offline, on files on disk.
 */
export function registerScoreCommands(program: Command) {
  const score = program
    .command('score')
    .description('work with Score (score.dev) workload files, offline');

  score
    .command('validate')
    .description(
      'validate Score files together: schema, placeholders, resources, cycles, duplicate names; exits 1 on errors',
    )
    .argument('<files...>', 'Score files (several documents per file allowed)')
    .option('--json', 'print the problems as JSON')
    .action(async (paths: string[], opts: { json?: boolean }) => {
      const result = loadScoreFiles(await readFiles(paths));
      const errors = errorsOf(result);
      if (opts.json) {
        printJson({
          valid: errors.length === 0,
          workloads: result.workloads.map(w => ({
            file: w.file,
            name: w.workload.metadata.name,
          })),
          problems: result.problems,
        });
      } else {
        for (const problem of result.problems) {
          printOut(`${formatScoreProblem(problem)}\n`);
        }
        const warnings = result.problems.length - errors.length;
        printOut(
          errors.length
            ? `${errors.length} error(s), ${warnings} warning(s) in ${paths.length} file(s)\n`
            : `OK: ${result.workloads.length} workload(s) in ${
                paths.length
              } file(s)${warnings ? `, ${warnings} warning(s)` : ''}\n`,
        );
      }
      if (errors.length) {
        process.exitCode = 1;
      }
    });

  score
    .command('entities')
    .description(
      'print, as YAML, the catalog entities the Score processor would emit for the files',
    )
    .argument('<files...>', 'Score files')
    .option('--owner <ref>', 'owner when the Score file names none')
    .option('--system <ref>', 'system when the Score file names none')
    .option(
      '--lifecycle <lifecycle>',
      'lifecycle when the Score file names none',
    )
    .action(
      async (
        paths: string[],
        opts: { owner?: string; system?: string; lifecycle?: string },
      ) => {
        const result = loadScoreFiles(await readFiles(paths));
        const errors = errorsOf(result);
        if (errors.length) {
          for (const problem of errors) {
            printErr(`${formatScoreProblem(problem)}\n`);
          }
          throw new Error(
            `${errors.length} error(s): fix them first (paved score validate)`,
          );
        }
        const entities = scoreToEntities(result.workloads, {
          defaults: {
            owner: opts.owner,
            system: opts.system,
            lifecycle: opts.lifecycle,
          },
        });
        printOut(
          entities.map(e => stringify(e, { lineWidth: 0 })).join('---\n'),
        );
      },
    );
}
