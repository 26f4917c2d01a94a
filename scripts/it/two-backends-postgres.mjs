#!/usr/bin/env node
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

/*
 * Integration test: two backend instances (replicas) on one PostgreSQL
 * database. Checks that ingestion and the orchestrator sync never duplicate
 * or drop a row:
 *   1. every webhook delivery is sent to both replicas at once: one row each;
 *   2. the same deployment is recorded through the REST API of both: one row;
 *   3. replica A is killed (SIGKILL) in the middle of a burst; the sender
 *      retries what got no answer at replica B; every delivery A had
 *      accepted is finished by B once A's lease runs out;
 *   4. both replicas run the orchestrator sync (Humanitec provider) against
 *      a fake Platform Orchestrator answering spec-shaped JSON: one ledger
 *      row per orchestrator deployment;
 *   5. both consume the orchestrator's deployment events from one durable
 *      JetStream consumer (a nats-server of the test's own): duplicated and
 *      shuffled events leave one row per deployment in its latest state;
 *   6. both start on the same database: each Paved migration applied once.
 *
 *   POSTGRES_URL=postgresql://postgres@127.0.0.1:5432 node scripts/it/two-backends-postgres.mjs
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { startNatsServer } from '../lib/natsServer.mjs';
import {
  dropDatabases,
  pgClient,
  sleep,
  freePort,
  startBackend,
} from '../lib/backendProcess.mjs';

const run = randomBytes(3).toString('hex');
const prefix = `paved_it2_${run}_`;
const token = randomBytes(24).toString('base64url');
const secret = randomBytes(24).toString('base64url');

const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

// A fake Platform Orchestrator: 60 deployments in two environments, in the
// shape of the vendored canyon-dp/canyon-cp specs.
const poDeployments = Array.from({ length: 60 }, (_, i) => ({
  org_id: 'acme',
  project_id: 'checkout',
  env_id: i % 2 ? 'production' : 'development',
  id: randomUUID(),
  created_at: new Date(Date.now() - (60 - i) * 60_000).toISOString(),
  completed_at: new Date(Date.now() - (60 - i) * 60_000 + 30_000).toISOString(),
  created_by: '01234567-89ab-cdef-0123-456789abcdef',
  mode: 'deploy',
  plan_only: false,
  status: i === 59 ? 'executing' : 'succeeded',
  status_message: '',
  metrics: { num_workloads: 1, num_resource_nodes: 2 },
})).reverse();
let poRequests = 0;
const po = createServer((req, res) => {
  poRequests++;
  const url = new URL(req.url, 'http://x');
  const json = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.headers.authorization !== 'Bearer po-test-token') {
    return json(401, { error: 'API-401', message: 'unauthorized' });
  }
  if (url.pathname === '/orgs/acme/deployments') {
    return json(200, { items: poDeployments });
  }
  const envs = url.pathname.match(/^\/orgs\/acme\/projects\/([^/]+)\/envs$/);
  if (envs) {
    return json(200, {
      items: ['development', 'production'].map(id => ({
        id,
        uuid: randomUUID(),
        display_name: id,
        created_at: '2026-01-01T00:00:00Z',
        updated_at: '2026-01-01T00:00:00Z',
        project_id: envs[1],
        env_type_id: id,
        status: 'active',
      })),
    });
  }
  return json(404, { error: 'API-404', message: `no ${url.pathname}` });
});
// The fake orchestrator listens on a port the OS picks (never a fixed one).
await new Promise(r => po.listen(0, '127.0.0.1', r));
const poPort = po.address().port;

// The orchestrator's deployment events: a JetStream server of the test's
// own (free port, temporary storage) and the stream the orchestrator
// publishes to.
const STREAM = 'PLATFORM_ORCHESTRATOR_EVENTS';
const nats = await startNatsServer();
const publisher = await connect({ servers: nats.url });
await (
  await jetstreamManager(publisher)
).streams.add({ name: STREAM, subjects: ['io.platform-orchestrator.>'] });

const extraConfig = `paved:
  webhooks:
    processing:
      leaseSeconds: 5
      schedule: { frequency: { seconds: 2 } }
    generic:
      secret: ${secret}
  orchestrators:
    sync:
      schedule: { frequency: { seconds: 3 } }
    humanitec:
      orgId: acme
      token: po-test-token
      apiUrl: http://localhost:${poPort}
      events:
        servers: ${nats.url}
        stream: ${STREAM}
`;
// A creates the databases and runs the migrations; B then starts on them.
// (Backstage's own plugins fail rather than wait on a migration lock held by
// another process, docs/operations.md#migrations-and-upgrades; Paved's
// waiting on it is tested in src/database/migrations.test.ts.)
const a = startBackend({
  name: 'it2-a',
  port: await freePort(),
  prefix,
  token,
  extraConfig,
});
const aReady = await a.ready();
const b = startBackend({
  name: 'it2-b',
  port: await freePort(),
  prefix,
  token,
  extraConfig,
});
const bReady = await b.ready();

const sign = body =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const send = (backend, id, body) =>
  fetch(`${backend.base}/api/paved/v1/webhooks/generic`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Paved-Delivery': id,
      'X-Paved-Signature-256': sign(body),
    },
    body,
  }).then(async r => ({ status: r.status, body: await r.json() }));
const deploymentBody = (source, i) =>
  JSON.stringify({
    type: 'deployment',
    source,
    subject: 'github.com/project-slug=paved-it/checkout',
    externalId: `run-${i}`,
    environment: 'production',
    status: 'success',
  });

const db = pgClient(`${prefix}paved`);
async function waitNoPending(like, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM paved_webhook_deliveries WHERE delivery_id LIKE $1 AND status = 'pending'",
      [like],
    );
    if (rows[0].n === 0 || Date.now() > deadline) return rows[0].n;
    await sleep(500);
  }
}

try {
  check('replica A on PostgreSQL becomes ready', aReady);
  check('replica B on the same databases becomes ready', bReady);
  if (!aReady || !bReady) throw new Error('backends did not start');
  await db.connect();
  const migrations = await db.query(
    'SELECT name, count(*)::int AS n FROM paved_knex_migrations GROUP BY name',
  );
  const files = readdirSync(
    join(
      dirname(fileURLToPath(import.meta.url)),
      '../../plugins/paved-backend/migrations',
    ),
  ).filter(f => f.endsWith('.js'));
  check(
    'each Paved migration is applied once',
    migrations.rows.length === files.length &&
      migrations.rows.every(r => r.n === 1),
    `${migrations.rows.length} applied of ${files.length}`,
  );

  // 1. Every delivery to both replicas at once.
  const n1 = 300;
  const answers = await Promise.all(
    Array.from({ length: n1 }, (_, i) => {
      const body = deploymentBody(`both-${run}`, i);
      const id = `both-${run}-${i}`;
      return Promise.all([send(a, id, body), send(b, id, body)]);
    }),
  );
  const flat = answers.flat();
  check(
    'all deliveries to both replicas answered 202',
    flat.every(x => x.status === 202),
  );
  check(
    'exactly one of each pair was new, the other a duplicate',
    answers.every(([x, y]) => x.body.duplicate !== y.body.duplicate),
  );
  const left1 = await waitNoPending(`both-${run}-%`, 30_000);
  const d1 = await db.query(
    'SELECT count(*)::int AS n FROM paved_webhook_deliveries WHERE delivery_id LIKE $1',
    [`both-${run}-%`],
  );
  const l1 = await db.query(
    'SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM paved_deployments WHERE source = $1',
    [`generic:both-${run}`],
  );
  check(
    'one delivery row per distinct delivery',
    d1.rows[0].n === n1,
    `${d1.rows[0].n}/${n1}, ${left1} pending`,
  );
  check(
    'one ledger row per distinct delivery',
    l1.rows[0].n === n1 && l1.rows[0].d === n1,
    `${l1.rows[0].n}/${n1}`,
  );

  // 1b. Orchestrator events to both replicas through the one durable
  // consumer: every deployment created then finished, 10 % of the events
  // twice, all in shuffled order.
  const js = jetstream(publisher);
  const evDeployments = Array.from({ length: 150 }, (_, i) => ({
    id: randomUUID(),
    createdAt: new Date(Date.now() - (150 - i) * 60_000).toISOString(),
    env: i % 3 ? 'development' : 'production',
  }));
  const evMessages = evDeployments.flatMap(d =>
    [
      ['created', 0, 'executing'],
      ['updated', 1, 'succeeded'],
    ].map(([kind, revision, status]) => ({
      subject: `io.platform-orchestrator.deployment.${kind}`,
      body: JSON.stringify({
        specversion: '1.0',
        id: randomUUID(),
        source: 'platform-orchestrator-dp',
        type: 'io.platform-orchestrator.deployment.created',
        time: d.createdAt,
        data: {
          org_id: 'acme',
          project_id: 'checkout',
          env_id: d.env,
          deployment_id: d.id,
          revision,
          status,
        },
      }),
    })),
  );
  const evSent = [...evMessages, ...evMessages.filter((_, i) => i % 10 === 0)]
    .map(m => ({ m, k: Math.random() }))
    .sort((x, y) => x.k - y.k)
    .map(({ m }) => m);
  for (const { subject, body } of evSent) await js.publish(subject, body);
  const evIds = evDeployments.map(d => d.id);
  let evRows = [];
  for (let i = 0; i < 120; i++) {
    evRows = (
      await db.query(
        "SELECT external_id, status FROM paved_deployments WHERE source = 'orchestrator:humanitec' AND external_id = ANY($1)",
        [evIds],
      )
    ).rows;
    if (
      evRows.length === evIds.length &&
      evRows.every(r => r.status === 'success')
    ) {
      break;
    }
    await sleep(500);
  }
  check(
    'orchestrator events to two replicas: one ledger row per deployment',
    evRows.length === evIds.length &&
      new Set(evRows.map(r => r.external_id)).size === evIds.length,
    `${evRows.length}/${evIds.length} from ${evSent.length} events`,
  );
  check(
    'each row holds the latest state despite duplicates and disorder',
    evRows.every(r => r.status === 'success'),
    `${evRows.filter(r => r.status !== 'success').length} behind`,
  );

  // 2. The same deployment through the REST API of both replicas.
  const record = backend =>
    fetch(`${backend.base}/api/paved/v1/deployments`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        subject: 'github.com/project-slug=paved-it/checkout',
        source: `api-${run}`,
        externalId: 'same',
        environment: 'staging',
        status: 'success',
      }),
    }).then(r => r.json());
  const recorded = await Promise.all([
    record(a),
    record(b),
    record(a),
    record(b),
  ]);
  const api = await db.query(
    // API writes are stored under the caller, with the label after it.
    'SELECT count(*)::int AS n FROM paved_deployments WHERE source LIKE $1',
    [`api:%/api-${run}`],
  );
  check(
    'the same API record on both replicas is one row',
    api.rows[0].n === 1 && recorded.filter(r => r.created).length === 1,
    `${api.rows[0].n} row(s), ${
      recorded.filter(r => r.created).length
    } created`,
  );

  // 3. Kill A in the middle of a burst; retry the unanswered at B.
  const n3 = 400;
  const outcome = new Array(n3);
  const burst = Array.from({ length: n3 }, async (_, i) => {
    await sleep(i * 2); // spread over ~0.8 s
    try {
      outcome[i] = (
        await send(a, `kill-${run}-${i}`, deploymentBody(`kill-${run}`, i))
      ).status;
    } catch {
      outcome[i] = 'no answer';
    }
  });
  await sleep(300);
  a.kill();
  await Promise.all(burst);
  const acceptedByA = outcome.filter(s => s === 202).length;
  const retried = [];
  for (let i = 0; i < n3; i++) {
    if (outcome[i] !== 202) {
      retried.push(
        send(b, `kill-${run}-${i}`, deploymentBody(`kill-${run}`, i)),
      );
    }
  }
  const retriedAnswers = await Promise.all(retried);
  console.log(
    `     replica A accepted ${acceptedByA} of ${n3} before it was killed; ${retried.length} retried at B`,
  );
  check('replica A was killed mid-burst', acceptedByA > 0 && acceptedByA < n3);
  check(
    'retries at B answered 202',
    retriedAnswers.every(x => x.status === 202),
  );
  const left3 = await waitNoPending(`kill-${run}-%`, 60_000);
  const d3 = await db.query(
    "SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'processed')::int AS p FROM paved_webhook_deliveries WHERE delivery_id LIKE $1",
    [`kill-${run}-%`],
  );
  const l3 = await db.query(
    'SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM paved_deployments WHERE source = $1',
    [`generic:kill-${run}`],
  );
  check(
    'every delivery of the burst stored once and processed (none lost with A)',
    d3.rows[0].n === n3 && d3.rows[0].p === n3 && left3 === 0,
    `${d3.rows[0].n} stored, ${d3.rows[0].p} processed, ${left3} pending`,
  );
  check(
    'one ledger row per delivery of the burst',
    l3.rows[0].n === n3 && l3.rows[0].d === n3,
    `${l3.rows[0].n}/${n3}`,
  );

  // 4. The orchestrator sync ran on both replicas (A before it died).
  let synced = 0;
  for (let i = 0; i < 60 && synced < poDeployments.length; i++) {
    const { rows } = await db.query(
      "SELECT count(*)::int AS n FROM paved_deployments WHERE source = 'orchestrator:humanitec' AND external_id = ANY($1)",
      [poDeployments.map(d => d.id)],
    );
    synced = rows[0].n;
    if (synced < poDeployments.length) await sleep(1000);
  }
  await sleep(7000); // a few more sync runs on B
  const s = await db.query(
    "SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d, count(*) FILTER (WHERE is_production)::int AS prod FROM paved_deployments WHERE source = 'orchestrator:humanitec' AND external_id = ANY($1)",
    [poDeployments.map(d => d.id)],
  );
  const state = await db.query('SELECT * FROM paved_orchestrator_sync');
  check(
    'orchestrator sync: one ledger row per orchestrator deployment',
    s.rows[0].n === poDeployments.length &&
      s.rows[0].d === poDeployments.length,
    `${s.rows[0].n} rows for ${poDeployments.length} deployments, ${
      s.rows[0].prod
    } production, ${poRequests} orchestrator requests, last error: ${
      state.rows[0]?.last_error ?? 'none'
    }`,
  );

  const errors = [...a.errorLines(), ...b.errorLines()].filter(
    l => !l.includes("Can't serve static app content"),
  );
  check(
    'no error-level log lines',
    errors.length === 0,
    errors.slice(0, 3).join('\n'),
  );
} catch (error) {
  check('test ran', false, error.message);
} finally {
  await db.end().catch(() => {});
  await a.stop();
  await b.stop();
  po.close();
  await publisher.close().catch(() => {});
  await nats.stop();
  await dropDatabases(prefix);
}
const failed = results.filter(r => !r).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
