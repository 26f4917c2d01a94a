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
import { createProgram } from '../program';

/**
 * Collects what the CLI writes to stdout and stderr during each test of the
 * calling describe block.
 */
export function captureOutput() {
  const output = { stdout: '', stderr: '' };
  beforeEach(() => {
    output.stdout = '';
    output.stderr = '';
    process.exitCode = undefined;
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      output.stdout += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      output.stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  return output;
}

// Throw instead of exiting, in every subcommand: commander only copies these
// settings to subcommands created after they are set.
function throwInsteadOfExit(command: Command): Command {
  command.exitOverride().configureOutput({ writeErr: () => {} });
  command.commands.forEach(throwInsteadOfExit);
  return command;
}

/** Runs the real `paved` program with these arguments, as a shell would. */
export function runCli(...args: string[]) {
  return throwInsteadOfExit(createProgram()).parseAsync([
    'node',
    'paved',
    ...args,
  ]);
}
