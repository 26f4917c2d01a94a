#!/usr/bin/env node
/*
 * Integration test: starts the real backend with app-config.production.yaml
 * against the PostgreSQL server on this machine and checks that
 *   - it becomes ready with no error-level line in its log,
 *   - the Paved migrations ran (paved_installation exists),
 *   - GET /api/paved/v1/info answers with database "postgres",
 *   - the catalog holds Paved's own entities,
 *   - a request without a token is refused,
 *   - guest sign-in hands out no token (config files merge: the production
 *     config must remove the guest provider),
 *   - the CI token of app-config.production.yaml (PAVED_CI_TOKEN) records a
 *     deployment and is refused everything else.
 * Databases get a unique prefix and are dropped afterwards.
 *
 *   POSTGRES_URL=postgresql://postgres@127.0.0.1:5432 node scripts/it/backend-postgres.mjs
 */
import { randomBytes } from 'node:crypto';
import {
  dropDatabases,
  pgClient,
  sleep,
  freePort,
  startBackend,
} from '../lib/backendProcess.mjs';

const prefix = `paved_it_${randomBytes(3).toString('hex')}_`;
const token = randomBytes(24).toString('base64url');
const ciToken = randomBytes(24).toString('hex');

const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

const catalogKinds = [
  'Component',
  'System',
  'API',
  'Resource',
  'Location',
  'Group',
];

const backend = startBackend({
  name: 'it-postgres',
  port: await freePort(),
  prefix,
  token,
  subject: 'paved-integration-test',
  ciToken,
  catalogLocations: [
    {
      type: 'file',
      target: '../../catalog-info.yaml',
      rules: [{ allow: catalogKinds }],
    },
  ],
  // The load scripts log at warn; here the artifact log keeps every line.
  logLevel: 'info',
});
const { base } = backend;
const auth = { Authorization: `Bearer ${token}` };
const ci = { Authorization: `Bearer ${ciToken}` };

try {
  const ready = await backend.ready(180_000);
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

    // What the sign-in page asks for, in every way it could ask.
    for (const env of ['development', 'production']) {
      for (const method of ['GET', 'POST']) {
        const r = await fetch(
          `${base}/api/auth/guest/refresh?optional&env=${env}`,
          { method, headers: { 'X-Requested-With': 'XMLHttpRequest' } },
        );
        const text = await r.text();
        check(
          `guest sign-in (${method}, env=${env}) hands out no token`,
          r.status === 404 && !text.includes('backstageIdentity'),
          `status ${r.status}: ${text.slice(0, 120)}`,
        );
      }
    }

    // The CI token: records a deployment, and nothing else.
    const recorded = await fetch(`${base}/api/paved/v1/deployments`, {
      method: 'POST',
      headers: { ...ci, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        entityRef: 'component:default/paved-backend',
        environment: 'production',
        status: 'success',
        externalId: `it-${prefix}`,
      }),
    });
    check(
      'CI token records a deployment',
      recorded.status === 200,
      `status ${recorded.status}: ${(await recorded.text()).slice(0, 200)}`,
    );
    for (const [what, path, init] of [
      ['list deployments', '/api/paved/v1/deployments', {}],
      ['read Paved information', '/api/paved/v1/info', {}],
      ['read the adoption report', '/api/paved/v1/adoption', {}],
      [
        'record an incident',
        '/api/paved/v1/incidents',
        {
          method: 'POST',
          body: JSON.stringify({
            entityRef: 'component:default/paved-backend',
            externalId: `it-${prefix}`,
            title: 'it',
          }),
        },
      ],
    ]) {
      const r = await fetch(`${base}${path}`, {
        ...init,
        headers: { ...ci, 'Content-Type': 'application/json' },
      });
      check(`CI token may not ${what}`, r.status === 403, `status ${r.status}`);
    }
    const catalogRead = await fetch(`${base}/api/catalog/entities?limit=1`, {
      headers: ci,
    });
    check(
      'CI token may not call other plugins (catalog)',
      catalogRead.status === 401 || catalogRead.status === 403,
      `status ${catalogRead.status}`,
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
  await backend.stop();
  // NODE_ENV=production makes the backend log JSON lines. This test does not
  // build the frontend bundle (the browser tests cover the frontend), so the
  // app plugin's complaint about the missing bundle is the one expected line.
  const errorLines = backend
    .errorLines()
    .filter(l => !l.includes("Can't serve static app content"));
  check(
    'startup log has no error-level lines',
    errorLines.length === 0,
    errorLines.slice(0, 3).join(' | '),
  );
  await dropDatabases(prefix);
}

const failed = results.filter(r => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
