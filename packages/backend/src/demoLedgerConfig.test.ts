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
import {
  createDemoLedgerSeeder,
  demoLedgerRefusal,
} from '@paved/plugin-paved-backend-module-demo-data';
import { join } from 'node:path';

// The config files as the backend loads them (`--config` flags, later
// files win, then APP_CONFIG_ variables).
async function load(files: string[], env: Record<string, string> = {}) {
  const root = join(__dirname, '../../..');
  const source = ConfigSources.default({
    rootDir: root,
    argv: files.flatMap(file => ['--config', join(root, file)]),
    env,
  });
  return ConfigSources.toConfig(source);
}

/** What the demo ledger seeder delivers under a config. */
async function seededUnder(config: Awaited<ReturnType<typeof load>>) {
  const delivered: unknown[] = [];
  const logger: any = { info() {}, warn() {}, error() {}, debug() {} };
  logger.child = () => logger;
  await createDemoLedgerSeeder(config).seedLedger!({
    now: new Date(),
    logger,
    deliver: async items => {
      delivered.push(...items);
      return { accepted: items.length, duplicates: 0, refused: 0 };
    },
  });
  return delivered;
}

describe('the demo ledger under the config files', () => {
  it('is on in development (app-config.yaml)', async () => {
    const development = await load(['app-config.yaml']);
    expect(demoLedgerRefusal(development)).toBeUndefined();
    expect((await seededUnder(development)).length).toBeGreaterThan(0);
  });

  it('is off under app-config.production.yaml, and the seeder delivers nothing', async () => {
    const production = await load([
      'app-config.yaml',
      'app-config.production.yaml',
    ]);
    expect(production.getOptionalBoolean('paved.demoData.enabled')).toBe(false);
    expect(demoLedgerRefusal(production)).toBe(
      'paved.demoData.enabled is false',
    );
    expect(await seededUnder(production)).toEqual([]);
  });

  it('stays off in production even if the environment switches demo data on', async () => {
    const production = await load(
      ['app-config.yaml', 'app-config.production.yaml'],
      { APP_CONFIG_paved_demoData_enabled: 'true' },
    );
    expect(production.getOptionalBoolean('paved.demoData.enabled')).toBe(true);
    expect(demoLedgerRefusal(production)).toBe(
      "auth.environment is 'production'",
    );
    expect(await seededUnder(production)).toEqual([]);
  });
});
