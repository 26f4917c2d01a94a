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
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createPublishLocalAction } from './local';

describe('paved:publish:local', () => {
  const root = createMockDirectory();
  const workspace = path.join(root.path, 'workspace');
  const repos = path.join(root.path, 'repos');

  const action = (extra: Record<string, unknown> = {}) =>
    createPublishLocalAction({
      config: mockServices.rootConfig({
        data: {
          paved: {
            scaffolder: { localPublisher: { baseDir: repos, ...extra } },
          },
        },
      }),
    });

  beforeEach(() => {
    fs.rmSync(root.path, { recursive: true, force: true });
    root.setContent({
      workspace: {
        'catalog-info.yaml': 'kind: Component\n',
        'score.yaml': 'apiVersion: score.dev/v1b1\n',
        src: { 'main.ts': 'console.log(1);\n' },
      },
    });
  });

  const run = (
    input: Record<string, unknown>,
    isDryRun = false,
    a = action(),
  ) => {
    // createMockActionContext does not pass isDryRun on.
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace,
      }),
      isDryRun,
    };
    return { ctx, done: a.handler(ctx as any) };
  };

  it('creates a git repository with the workspace committed', async () => {
    const { ctx, done } = run({
      repoName: 'orders',
      gitAuthorName: 'Ada',
      gitAuthorEmail: 'ada@example.com',
    });
    await done;
    const repo = path.join(repos, 'orders');
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    expect(git('ls-files').split('\n').sort()).toEqual([
      'catalog-info.yaml',
      'score.yaml',
      'src/main.ts',
    ]);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('log', '--format=%an <%ae>|%s')).toBe(
      'Ada <ada@example.com>|Initial commit from a Paved golden path',
    );
    expect(git('branch', '--show-current')).toBe('main');
    expect(ctx.output).toHaveBeenCalledWith('repoPath', repo);
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', `file://${repo}`);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(repo, 'catalog-info.yaml'),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'commitHash',
      git('rev-parse', 'HEAD'),
    );
    // The clone URL works.
    execFileSync('git', [
      'clone',
      '-q',
      `file://${repo}`,
      path.join(root.path, 'clone'),
    ]);
    expect(fs.existsSync(path.join(root.path, 'clone', 'score.yaml'))).toBe(
      true,
    );
  });

  it('refuses a name that is taken and keeps the existing repository', async () => {
    await run({ repoName: 'orders' }).done;
    fs.writeFileSync(path.join(workspace, 'score.yaml'), 'changed');
    await expect(run({ repoName: 'orders' }).done).rejects.toThrow(
      `A local repository named "orders" already exists at ${path.join(
        repos,
        'orders',
      )}; pick another name`,
    );
    expect(
      fs.readFileSync(path.join(repos, 'orders', 'score.yaml'), 'utf8'),
    ).toBe('apiVersion: score.dev/v1b1\n');
  });

  it('creates nothing in a dry run', async () => {
    const { ctx, done } = run({ repoName: 'orders' }, true);
    await done;
    expect(fs.existsSync(path.join(repos, 'orders'))).toBe(false);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', 'dry-run');
  });

  it('refuses names that are not one path segment', async () => {
    // The scaffolder validates inputs against the schema before the handler.
    const schema = action().schema?.input as any;
    expect(schema.properties.repoName.pattern).toBeDefined();
    const pattern = new RegExp(schema.properties.repoName.pattern);
    for (const bad of ['../x', '.git', 'a/b', '-x', '']) {
      expect(pattern.test(bad)).toBe(false);
    }
    expect(pattern.test('orders-service_2.0')).toBe(true);
  });

  it('can be switched off', async () => {
    await expect(
      run({ repoName: 'orders' }, false, action({ enabled: false })).done,
    ).rejects.toThrow('The local publisher is switched off');
  });
});
