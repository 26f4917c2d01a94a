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
import { ExampleOrchestratorProvider } from '@paved/plugin-paved-backend-module-example-provider';
import { join } from 'node:path';

// The config files as the backend loads them (later files win).
async function load(files: string[], env: Record<string, string> = {}) {
  const root = join(__dirname, '../../..');
  return ConfigSources.toConfig(
    ConfigSources.default({
      rootDir: root,
      argv: files.flatMap(file => ['--config', join(root, file)]),
      env,
    }),
  );
}

describe('the example orchestrator and preview try-out under the config files', () => {
  it('is registered in development (app-config.yaml)', async () => {
    const development = await load(['app-config.yaml']);
    expect(ExampleOrchestratorProvider.fromConfig(development)).toBeDefined();
  });

  it('is not registered under app-config.production.yaml, and the GitHub webhook secret has no default', async () => {
    const production = await load(
      ['app-config.yaml', 'app-config.production.yaml'],
      {},
    );
    expect(ExampleOrchestratorProvider.fromConfig(production)).toBeUndefined();
    expect(
      production.getOptionalString('paved.webhooks.github.secret'),
    ).toBeUndefined();
  });
});
