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
  resolveSafeChildPath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readLocalRepositoriesBaseDir } from '@paved/plugin-paved-node';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { examples } from './local.examples';

const run = promisify(execFile);

/** Same rule as GitHub's repository names, without a leading dot. */
const REPO_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', args, {
      cwd,
      env: {
        ...process.env,
        // The repository is committed as the template's author, never with
        // the machine's global git identity or hooks.
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_TERMINAL_PROMPT: '0',
      },
    });
    return stdout.trim();
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(
        'paved:publish:local needs the git command line tool on the backend host; install git',
      );
    }
    throw new Error(`git ${args[0]} failed: ${e.stderr?.trim() || e.message}`);
  }
}

/**
 * `paved:publish:local`: the embedded default publisher. Creates a git
 * repository under `paved.scaffolder.localPublisher.baseDir` from the
 * workspace, so a golden path works on a portal with no GitHub or GitLab
 * integration. Follow it with `paved:catalog:register-local` to put the
 * result in the catalog.
 *
 * @public
 */
export function createPublishLocalAction(options: {
  config: RootConfigService;
}) {
  const { config } = options;
  return createTemplateAction({
    id: 'paved:publish:local',
    description:
      "Creates a git repository on the Paved backend's machine (paved.scaffolder.localPublisher.baseDir) from the workspace; the embedded default publisher for portals without a GitHub or GitLab integration.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .regex(
              REPO_NAME,
              'letters, digits, ".", "_" and "-", not starting with "." or "-", at most 100 characters',
            )
            .describe(
              'Directory name of the repository under the base directory.',
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe('Part of the workspace to publish (default: all of it).'),
        defaultBranch: z => z.string().optional().describe('Default: main.'),
        gitCommitMessage: z =>
          z
            .string()
            .optional()
            .describe('Default: "Initial commit from a Paved golden path".'),
        gitAuthorName: z => z.string().optional(),
        gitAuthorEmail: z => z.string().optional(),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .describe('file:// URL of the repository (git clone works on it).'),
        repoContentsUrl: z =>
          z.string().describe('file:// URL of the repository directory.'),
        repoPath: z => z.string().describe('Absolute path of the repository.'),
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'Absolute path of the published catalog-info.yaml (empty when there is none); give it to paved:catalog:register-local.',
            ),
        commitHash: z => z.string().describe('The initial commit.'),
      },
    },
    async handler(ctx) {
      if (
        config.getOptionalBoolean('paved.scaffolder.localPublisher.enabled') ===
        false
      ) {
        throw new NotAllowedError(
          'The local publisher is switched off (paved.scaffolder.localPublisher.enabled: false); choose a publisher with an integration such as publish:github',
        );
      }
      const defaultBranch = ctx.input.defaultBranch ?? 'main';
      const baseDir = readLocalRepositoriesBaseDir(config);
      // repoName is a single path segment (see REPO_NAME), never '..'.
      const repoPath = path.join(baseDir, ctx.input.repoName);
      const source = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const catalogInfo = path.join(repoPath, 'catalog-info.yaml');
      const hasCatalogInfo = await fs
        .stat(path.join(source, 'catalog-info.yaml'))
        .then(
          s => s.isFile(),
          () => false,
        );
      const taken = await fs.stat(repoPath).then(
        () => true,
        () => false,
      );
      if (taken) {
        throw new ConflictError(
          `A local repository named "${ctx.input.repoName}" already exists at ${repoPath}; pick another name`,
        );
      }

      const outputs = {
        remoteUrl: pathToFileURL(repoPath).toString(),
        repoContentsUrl: pathToFileURL(`${repoPath}/`).toString(),
        repoPath,
        catalogInfoPath: hasCatalogInfo ? catalogInfo : '',
      };
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would create the git repository ${repoPath}`);
        for (const [name, value] of Object.entries(outputs)) {
          ctx.output(name as keyof typeof outputs, value);
        }
        ctx.output('commitHash', 'dry-run');
        return;
      }

      const authorName =
        ctx.input.gitAuthorName ??
        config.getOptionalString('scaffolder.defaultAuthor.name') ??
        ctx.user?.entity?.spec?.profile?.displayName ??
        'Scaffolder';
      const authorEmail =
        ctx.input.gitAuthorEmail ??
        config.getOptionalString('scaffolder.defaultAuthor.email') ??
        ctx.user?.entity?.spec?.profile?.email ??
        'scaffolder@backstage.io';

      await fs.mkdir(baseDir, { recursive: true });
      // mkdir without recursive fails if a concurrent task took the name.
      try {
        await fs.mkdir(repoPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new ConflictError(
            `A local repository named "${ctx.input.repoName}" already exists at ${repoPath}; pick another name`,
          );
        }
        throw error;
      }
      let commitHash: string;
      try {
        await fs.cp(source, repoPath, {
          recursive: true,
          filter: src => path.basename(src) !== '.git',
        });
        await git(repoPath, [
          'init',
          '--quiet',
          `--initial-branch=${defaultBranch}`,
        ]);
        await git(repoPath, ['add', '--all']);
        await git(repoPath, [
          '-c',
          `user.name=${authorName}`,
          '-c',
          `user.email=${authorEmail}`,
          '-c',
          'commit.gpgsign=false',
          'commit',
          '--quiet',
          '--no-verify',
          '-m',
          ctx.input.gitCommitMessage ??
            'Initial commit from a Paved golden path',
        ]);
        commitHash = await git(repoPath, ['rev-parse', 'HEAD']);
      } catch (error) {
        // Leave nothing half-made behind: the name stays free for a retry.
        await fs.rm(repoPath, { recursive: true, force: true });
        throw new Error(
          `Could not create the local repository ${repoPath}: ${
            (error as Error).message
          }`,
        );
      }

      ctx.logger.info(
        `Created the git repository ${repoPath} (${defaultBranch} at ${commitHash.slice(
          0,
          12,
        )})`,
      );
      for (const [name, value] of Object.entries(outputs)) {
        ctx.output(name as keyof typeof outputs, value);
      }
      ctx.output('commitHash', commitHash);
    },
  });
}
