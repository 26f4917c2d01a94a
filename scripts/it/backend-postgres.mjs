#!/usr/bin/env node
/*
 * Integration test: starts the real backend with app-config.production.yaml
 * against the PostgreSQL server on this machine and checks that
 *   - it becomes ready with no error-level line in its log,
 *   - the Paved migrations ran (paved_installation exists),
 *   - GET /api/paved/v1/info answers with database "postgres",
 *   - the catalog holds Paved's own entities,
 *   - a request without a token is refused.
 * Databases get a unique prefix and are dropped afterwards.
 *
 *   POSTGRES_URL=postgresql://postgres@127.0.0.1:5432 node scripts/it/backend-postgres.mjs
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const require = createRequire(join(root, 'package.json'));
const { Client } = require('pg');

const pgUrl = new URL(
  process.env.POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432',
);
const port = 7107; // not the dev portal's 7007, so both can run at once
const prefix = `paved_it_${randomBytes(3).toString('hex')}_`;
const token = randomBytes(24).toString('base64url');
const artifacts = join(root, 'e2e-artifacts');
mkdirSync(artifacts, { recursive: true });

const configPath = join(artifacts, 'it-postgres.app-config.yaml');
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
    externalAccess:
      - type: static
        options:
          token: ${token}
          subject: paved-integration-test
catalog:
  locations:
    - type: file
      target: ../../catalog-info.yaml
      rules:
        - allow: [Component, System, API, Resource, Location, Group]
`,
);

const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};
const sleep = ms => new Promise(r => setTimeout(r, ms));

const env = {
  ...process.env,
  POSTGRES_HOST: pgUrl.hostname,
  POSTGRES_PORT: pgUrl.port || '5432',
  POSTGRES_USER: decodeURIComponent(pgUrl.username || 'postgres'),
  POSTGRES_PASSWORD: decodeURIComponent(pgUrl.password || ''),
  // The production config requires a GitHub OAuth app; the test does not sign
  // anyone in through it, so placeholders are enough.
  AUTH_GITHUB_CLIENT_ID: 'integration-test',
  AUTH_GITHUB_CLIENT_SECRET: 'integration-test',
  NODE_ENV: 'production',
  FORCE_COLOR: '0',
};

const backend = spawn(
  'yarn',
  [
    'workspace',
    'backend',
    'start',
    '--config',
    '../../app-config.yaml',
    '--config',
    '../../app-config.production.yaml',
    '--config',
    configPath,
  ],
  { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
);
let log = '';
backend.stdout.on('data', d => (log += d));
backend.stderr.on('data', d => (log += d));

const base = `http://localhost:${port}`;
const auth = { Authorization: `Bearer ${token}` };

async function waitForReady() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) return false;
    try {
      const r = await fetch(`${base}/.backstage/health/v1/readiness`);
      if (r.status === 200) return true;
    } catch {
      /* not listening yet */
    }
    await sleep(1000);
  }
  return false;
}

function pgClient(database) {
  return new Client({
    host: env.POSTGRES_HOST,
    port: Number(env.POSTGRES_PORT),
    user: env.POSTGRES_USER,
    password: env.POSTGRES_PASSWORD,
    database,
  });
}

async function dropDatabases() {
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

try {
  const ready = await waitForReady();
  check('backend on PostgreSQL becomes ready', ready);
  if (ready) {
    const info = await fetch(`${base}/api/paved/v1/info`, { headers: auth });
    const body = await info.json();
    check(
      'info route answers 200',
      info.status === 200,
      `status ${info.status}`,
    );
    check(
      'info reports PostgreSQL',
      body.database === 'postgres',
      body.database,
    );
    check('demo data is off in production', body.demoData === false);

    const anonymous = await fetch(`${base}/api/paved/v1/info`);
    check(
      'info route refuses a request without a token',
      anonymous.status === 401,
      `status ${anonymous.status}`,
    );

    const db = pgClient(`${prefix}paved`);
    await db.connect();
    const { rows } = await db.query('SELECT id FROM paved_installation');
    const migrations = await db.query('SELECT name FROM paved_knex_migrations');
    await db.end();
    check(
      'paved migrations ran on PostgreSQL',
      rows.length === 1 && migrations.rows.length >= 1,
      `${migrations.rows.length} migration(s)`,
    );

    // The catalog processes locations in the background; give it a moment.
    let names = [];
    for (let i = 0; i < 60 && !names.includes('paved-backend'); i++) {
      const r = await fetch(
        `${base}/api/catalog/entities/by-query?filter=spec.system=paved`,
        { headers: auth },
      );
      names = r.ok ? (await r.json()).items.map(e => e.metadata.name) : [];
      if (!names.includes('paved-backend')) await sleep(1000);
    }
    check(
      "catalog holds Paved's own entities",
      names.includes('paved-backend'),
      names.join(', '),
    );
  }
} finally {
  try {
    process.kill(-backend.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await sleep(2000);
  writeFileSync(join(artifacts, 'it-postgres.log'), log);
  // NODE_ENV=production makes the backend log JSON lines. This test does not
  // build the frontend bundle (the browser tests cover the frontend), so the
  // app plugin's complaint about the missing bundle is the one expected line.
  const errorLines = log
    .split('\n')
    .filter(l => l.includes('"level":"error"'))
    .filter(l => !l.includes("Can't serve static app content"));
  check(
    'startup log has no error-level lines',
    errorLines.length === 0,
    errorLines.slice(0, 3).join(' | '),
  );
  await dropDatabases();
}

const failed = results.filter(r => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
