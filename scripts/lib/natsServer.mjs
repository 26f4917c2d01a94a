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

// Starts a nats-server with JetStream of its own (free port, temporary
// storage) for the orchestrator events benchmark. The Jest tests have the
// same in TypeScript:
// plugins/paved-backend/src/orchestrators/events/__testUtils__/natsServer.ts.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './backendProcess.mjs';

/** NATS_SERVER_BIN, the nats-server on the PATH, or Debian's package path. */
export function natsServerBinary() {
  if (process.env.NATS_SERVER_BIN) return process.env.NATS_SERVER_BIN;
  try {
    return execFileSync('sh', ['-c', 'command -v nats-server'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return existsSync('/usr/sbin/nats-server')
      ? '/usr/sbin/nats-server'
      : undefined;
  }
}

export async function startNatsServer() {
  const binary = natsServerBinary();
  if (!binary) throw new Error('nats-server not found; set NATS_SERVER_BIN');
  const storeDir = mkdtempSync(join(tmpdir(), 'paved-nats-'));
  const port = await freePort();
  const child = spawn(
    binary,
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`nats-server did not start:\n${log}`)),
      15_000,
    );
    child.stderr.on('data', chunk => {
      log += chunk;
      if (log.includes('Server is ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`nats-server exited with ${code}:\n${log}`));
    });
  });
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(r => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
