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

// Starts the real backend (production config, PostgreSQL) as a child
// process for the webhook benchmark (scripts/bench/webhooks.mjs) and the
// single- and multi-instance integration tests (scripts/it/).

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
export const { Client } = require('pg');
const YAML = require('yaml');
export const artifacts = join(root, 'e2e-artifacts');
export const sleep = ms => new Promise(r => setTimeout(r, ms));

export const pgUrl = new URL(
  process.env.POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432',
);

export function pgClient(database) {
  return new Client({
    host: pgUrl.hostname,
    port: Number(pgUrl.port || 5432),
    user: decodeURIComponent(pgUrl.username || 'postgres'),
    password: decodeURIComponent(pgUrl.password || ''),
    database,
  });
}

export async function dropDatabases(prefix) {
  const client = pgClient('postgres');
  await client.connect();
  const { rows } = await client.query(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${prefix}%`],
  );
  for (const { datname } of rows) {
    await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  await client.end();
}

/**
 * The external-access entries of app-config.production.yaml as written
 * (with their ${...} references): a later config file replaces a list, so
 * the test token is added to them rather than replacing them.
 */
function productionExternalAccess() {
  const production = YAML.parse(
    readFileSync(join(root, 'app-config.production.yaml'), 'utf8'),
  );
  return production?.backend?.auth?.externalAccess ?? [];
}

/**
 * Starts one backend on `port` with the database `prefix` (instances with
 * the same prefix share their databases) and extra YAML config. The static
 * `token` authenticates as `subject`, beside the production config's own
 * external access (the CI token, from `ciToken` or a random one);
 * `catalogLocations` become the catalog's `locations` (none by default);
 * `logLevel` applies unless LOG_LEVEL is set in the environment.
 */
/**
 * A port nothing listens on right now, chosen by the OS: test backends never
 * assume that a fixed port is theirs.
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function startBackend({
  name,
  port,
  prefix,
  token,
  subject = 'paved-load-test',
  ciToken = randomBytes(24).toString('hex'),
  catalogLocations = [],
  logLevel = 'warn',
  extraConfig = '',
  // Further config files, read after the generated one (a later file
  // replaces lists such as app.extensions).
  configFiles = [],
}) {
  const externalAccess = [
    ...productionExternalAccess(),
    { type: 'static', options: { token, subject } },
  ];
  mkdirSync(artifacts, { recursive: true });
  const configPath = join(artifacts, `${name}.app-config.yaml`);
  writeFileSync(
    configPath,
    `app:
  baseUrl: http://localhost:${port}
backend:
  baseUrl: http://localhost:${port}
  listen: ':${port}'
  database:
    prefix: ${prefix}
  auth:
    externalAccess: ${JSON.stringify(externalAccess)}
catalog:
  locations: ${JSON.stringify(catalogLocations)}
${extraConfig}`,
  );
  const env = {
    ...process.env,
    POSTGRES_HOST: pgUrl.hostname,
    POSTGRES_PORT: pgUrl.port || '5432',
    POSTGRES_USER: decodeURIComponent(pgUrl.username || 'postgres'),
    POSTGRES_PASSWORD: decodeURIComponent(pgUrl.password || ''),
    AUTH_GITHUB_CLIENT_ID: 'load-test',
    AUTH_GITHUB_CLIENT_SECRET: 'load-test',
    PAVED_CI_TOKEN: ciToken,
    // The survey respondent-hash key production requires (docs/security.md).
    PAVED_SURVEYS_SECRET:
      process.env.PAVED_SURVEYS_SECRET ?? randomBytes(32).toString('base64'),
    NODE_ENV: 'production',
    FORCE_COLOR: '0',
    // Production backends behind a load balancer rarely log every request at
    // info; at warn the per-request log line stops competing for the CPU.
    // Errors and warnings are still captured for the checks.
    LOG_LEVEL: process.env.LOG_LEVEL ?? logLevel,
  };
  // Plain node with Backstage's TypeScript transform rather than
  // `backstage-cli package start`: that one watches the tree and restarts
  // the backend whenever anyone edits a file, which would distort a
  // measurement (the IT script kills replicas on purpose instead).
  const proc = spawn(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.production.yaml',
      '--config',
      configPath,
      ...configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: join(root, 'packages/backend'),
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const instance = {
    name,
    proc,
    base: `http://localhost:${port}`,
    log: '',
    async ready(timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null) return false;
        try {
          const r = await fetch(
            `${instance.base}/.backstage/health/v1/readiness`,
          );
          if (r.status === 200) return true;
        } catch {
          /* not listening yet */
        }
        await sleep(1000);
      }
      return false;
    },
    /** SIGKILL: the process gets no chance to finish anything. */
    kill() {
      try {
        process.kill(-proc.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    },
    async stop() {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await sleep(2000);
      writeFileSync(join(artifacts, `${name}.log`), instance.log);
    },
    /** Error-level lines of the (JSON) log. */
    errorLines() {
      return instance.log.split('\n').filter(l => /"level":"error"/.test(l));
    },
  };
  proc.stdout.on('data', d => (instance.log += d));
  proc.stderr.on('data', d => (instance.log += d));
  return instance;
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}
