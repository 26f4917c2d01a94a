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
import { PavedProviderInfo } from '@paved/plugin-paved-common';
import { Command } from 'commander';
import { createClient, resolveConnection } from '../lib/connection';
import { printJson, printOut } from '../lib/output';

/** `paved info`: what the backend runs and which providers it has. */
export function registerInfoCommand(program: Command) {
  program
    .command('info')
    .description(
      'show the Paved backend version and its orchestrator providers',
    )
    .option('--json', 'print the raw JSON answer')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const connection = await resolveConnection(command);
      const info = await createClient(connection).getInfo();
      if (opts.json) {
        printJson(info);
        return;
      }
      const lines = [
        `Paved ${info.version} at ${connection.baseUrl}`,
        `Database:     ${info.database}`,
        `Installed at: ${info.installedAt}`,
        `Demo data:    ${info.demoData ? 'on' : 'off'}`,
        info.providers.length
          ? `Providers:\n${info.providers
              .map(p => `  - ${p.id} (${p.type}): ${p.title}\n${syncLine(p)}`)
              .join('\n')}`
          : 'Providers:    none (add an orchestrator provider module to the backend)',
      ];
      printOut(`${lines.join('\n')}\n`);
    });
}

/** The provider's last sync, as the Platform page shows it. */
function syncLine(provider: PavedProviderInfo): string {
  const { sync } = provider;
  if (!sync?.lastRunAt) return '    last sync: not run yet';
  const failing = sync.failingItems
    ? `, ${sync.failingItems} item(s) waiting for a retry`
    : '';
  return `    last sync: ${sync.lastRunAt}, ${
    sync.deployments ?? 0
  } deployment(s) written${failing}${
    sync.error ? `\n    error: ${sync.error}` : ''
  }`;
}
