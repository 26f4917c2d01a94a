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
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The nats-server binary: NATS_SERVER_BIN, else the one on the PATH, else
 * Debian's package path. Undefined when there is none.
 */
export function natsServerBinary(): string | undefined {
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

/** A port nothing listens on right now, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A nats-server with JetStream of the test's own, on a free port. */
export type TestNatsServer = {
  url: string;
  stop(): Promise<void>;
};

/**
 * Starts `nats-server -js -p <free port> -sd <tmp dir>` and waits until it
 * says it is ready; its storage is removed on stop.
 */
export async function startNatsServer(): Promise<TestNatsServer> {
  const binary = natsServerBinary();
  if (!binary) throw new Error('nats-server not found; set NATS_SERVER_BIN');
  const storeDir = mkdtempSync(join(tmpdir(), 'paved-nats-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`nats-server did not start:\n${log}`)),
      15_000,
    );
    child.stderr!.on('data', chunk => {
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

/**
 * Whether the nats-server binary is missing, saying so (the only reason
 * the NATS tests may skip): `natsServerMissing(suite) ? describe.skip : describe`.
 */
export function natsServerMissing(suite: string): boolean {
  if (natsServerBinary()) return false;
  // eslint-disable-next-line no-console
  console.warn(
    `SKIPPED '${suite}': no nats-server binary (install the Debian package nats-server or set NATS_SERVER_BIN)`,
  );
  return true;
}

/** Polls until `check` holds; fails after 30 s saying what it waited for. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string | (() => string),
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
  }
}
