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
import { ConfigSources } from '@backstage/config-loader';
import { join } from 'node:path';

// The config files as the backend loads them: later files win, and a null
// removes what an earlier file set.
async function load(...files: string[]) {
  const root = join(__dirname, '../../..');
  const source = ConfigSources.default({
    rootDir: root,
    argv: files.flatMap(file => ['--config', join(root, file)]),
    env: {},
  });
  return ConfigSources.toConfig(source);
}

describe('app-config.production.yaml', () => {
  it('removes guest sign-in whatever NODE_ENV is', async () => {
    const local = await load('app-config.yaml');
    expect(local.getConfig('auth.providers').has('guest')).toBe(true);

    const production = await load(
      'app-config.yaml',
      'app-config.production.yaml',
    );
    const providers = production.getConfig('auth.providers');
    expect(providers.has('guest')).toBe(false);
    expect(providers.keys()).not.toContain('guest');
    expect(providers.keys()).toContain('github');
  });

  it('restricts the CI token to recording deployments through Paved', async () => {
    const production = await load(
      'app-config.yaml',
      'app-config.production.yaml',
    );
    const entries = production
      .getConfigArray('backend.auth.externalAccess')
      .map(entry => entry.get());
    // No token is written in the file: it comes from PAVED_CI_TOKEN, which
    // is not set here.
    expect(entries).toEqual([
      {
        type: 'static',
        options: { subject: 'paved-ci' },
        accessRestrictions: [
          { plugin: 'paved', permission: 'paved.deployment.create' },
        ],
      },
    ]);
  });

  it('installs a permission policy with admins', async () => {
    const production = await load(
      'app-config.yaml',
      'app-config.production.yaml',
    );
    expect(production.getBoolean('permission.enabled')).toBe(true);
    expect(
      production.getStringArray('paved.permissions.admins').length,
    ).toBeGreaterThan(0);
  });
});
