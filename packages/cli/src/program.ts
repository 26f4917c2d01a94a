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
import { Command } from 'commander';
import { registerInfoCommand } from './commands/info';
import { registerDeploymentCommands } from './commands/deployments';
import { registerDoraCommand } from './commands/dora';
import { registerSurveyCommands } from './commands/survey';
import { registerScoreCommands } from './commands/score';
import { registerAdoptionCommands } from './commands/adoption';
import { registerReportCommand } from './commands/report';
import { registerFeedbackCommands } from './commands/feedback';
import { version } from './version';

/**
 * Builds the `paved` command with all its subcommands.
 *
 * @public
 */
export function createProgram(): Command {
  const program = new Command('paved')
    .description(
      'Paved from the terminal: the same platform as the portal and the REST API.',
    )
    .version(version, '-V, --version', 'print the version of the paved CLI')
    .showHelpAfterError()
    .option(
      '--base-url <url>',
      'base URL of the Backstage backend (env PAVED_BASE_URL)',
      process.env.PAVED_BASE_URL ?? 'http://localhost:7007',
    )
    .option(
      '--token <token>',
      'Backstage token to call the API with (env PAVED_TOKEN)',
    );

  registerInfoCommand(program);
  registerSurveyCommands(program);
  registerScoreCommands(program);
  registerDeploymentCommands(program);
  registerDoraCommand(program);
  registerAdoptionCommands(program);
  registerReportCommand(program);
  registerFeedbackCommands(program);
  return program;
}
