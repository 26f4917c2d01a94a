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
import { PavedInfo } from '@paved/plugin-paved-common';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { Knex } from 'knex';
import { toIso } from '../deployments/time';
import { InstallationStore } from './InstallationStore';

// Read once at load time; the version does not change while running.
const { version } = JSON.parse(
  readFileSync(
    resolvePackagePath('@paved/plugin-paved-backend', 'package.json'),
    'utf8',
  ),
) as { version: string };

/**
 * Builds the answer of the info route from what the plugin was started with.
 */
export class InfoService {
  constructor(
    private readonly options: {
      client: Knex;
      installations: InstallationStore;
      providers: () => OrchestratorProvider[];
      demoData: boolean;
    },
  ) {}

  async getInfo(): Promise<PavedInfo> {
    const providers = this.options.providers();
    const sync = await this.syncStates(providers.map(p => p.id));
    return {
      version,
      providers: providers.map(p => ({
        id: p.id,
        title: p.title,
        type: p.type,
        sync: sync.get(p.id)!,
      })),
      database: databaseKind(this.options.client),
      installedAt: (
        await this.options.installations.installedAt()
      ).toISOString(),
      demoData: this.options.demoData,
    };
  }

  /** The orchestrator sync's last run and failing items, per provider. */
  private async syncStates(ids: string[]): Promise<Map<string, SyncState>> {
    if (!ids.length) return new Map();
    const { client: db } = this.options;
    const [runs, failing] = await Promise.all([
      db('paved_orchestrator_sync')
        .whereIn('provider_id', ids)
        .select('provider_id', 'last_run_at', 'last_run_count', 'last_error'),
      db('paved_orchestrator_sync_errors')
        .whereIn('provider_id', ids)
        .groupBy('provider_id')
        .select('provider_id')
        .count({ n: '*' }),
    ]);
    const failingOf = new Map(
      (failing as Array<{ provider_id: string; n: number | string }>).map(
        row => [row.provider_id, Number(row.n)],
      ),
    );
    const runOf = new Map(runs.map(row => [row.provider_id, row]));
    return new Map(
      ids.map(id => {
        const run = runOf.get(id);
        const deployments = run?.last_run_count;
        return [
          id,
          {
            lastRunAt: toIso(run?.last_run_at) ?? null,
            deployments:
              deployments === null || deployments === undefined
                ? null
                : Number(deployments),
            error: run?.last_error ?? null,
            failingItems: failingOf.get(id) ?? 0,
          },
        ];
      }),
    );
  }
}

type SyncState = PavedInfo['providers'][number]['sync'];

function databaseKind(client: Knex): PavedInfo['database'] {
  const name = String(client.client.config.client);
  if (name.includes('sqlite')) return 'sqlite';
  if (name === 'pg' || name.includes('postgres')) return 'postgres';
  if (name.includes('mysql')) return 'mysql';
  return 'other';
}
