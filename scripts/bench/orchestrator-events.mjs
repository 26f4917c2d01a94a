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
 * Load test of the orchestrator deployment events path. Starts a
 * nats-server with JetStream of its own and TWO real backend replicas on
 * one PostgreSQL database, each with the Humanitec provider module reading
 * `io.platform-orchestrator.deployment.*` events through the same durable
 * consumer (its API URL points nowhere and the polling sync is parked, so
 * only the events write the ledger). Publishes --count events (created and
 * updated per deployment, --duplicates of them repeated, a share of the
 * updates published before their creation), waits until the ledger holds
 * the final state, and checks one row per deployment with the latest state.
 * Prints ledger events per second against the >= 2,000/s target and the
 * same run's publish rate (the ceiling: how fast JetStream takes them in).
 *
 *   yarn bench:events [--count 10000] [--duplicates 0.1] [--out-of-order 0.2]
 *
 * Exit status 1 when a check fails.
 */
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  dropDatabases,
  freePort,
  pgClient,
  sleep,
  startBackend,
} from '../lib/backendProcess.mjs';
import { startNatsServer } from '../lib/natsServer.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const count = Number(arg('count', 10000));
const duplicateShare = Number(arg('duplicates', 0.1));
const outOfOrderShare = Number(arg('out-of-order', 0.2));
const TARGET_PER_SECOND = 2000;
const STREAM = 'PLATFORM_ORCHESTRATOR_EVENTS';
const DURABLE = 'paved-ledger-humanitec';
const run = randomBytes(4).toString('hex');
const prefix = `paved_events_${run}_`;

const results = [];
const check = (name, ok, detail = '') => {
  results.push(ok);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};

/** A deployment event as the orchestrator publishes it (vendored events.yaml). */
function event(d, revision, status) {
  return JSON.stringify({
    specversion: '1.0',
    type: 'io.platform-orchestrator.deployment.created',
    time: d.createdAt,
    data: {
      org_id: 'bench',
      project_id: d.project,
      env_id: d.env,
      env_uuid: d.envUuid,
      deployment_id: d.id,
      revision,
      status,
    },
  });
}

let nats;
let publisher;
const backends = [];
try {
  nats = await startNatsServer();
  publisher = await connect({ servers: nats.url });
  const manager = await jetstreamManager(publisher);
  await manager.streams.add({
    name: STREAM,
    subjects: ['io.platform-orchestrator.>'],
  });

  // Nothing listens on this port: the provider's API calls (environments)
  // fail at once and the sync's production rule applies (prod* = production).
  const deadApi = `http://127.0.0.1:${await freePort()}`;
  const extraConfig = `paved:
  orchestrators:
    sync:
      schedule:
        frequency: { hours: 24 }
        initialDelay: { hours: 24 }
        timeout: { minutes: 5 }
    humanitec:
      orgId: bench
      token: bench-token
      apiUrl: ${deadApi}
      retries: 0
      timeoutMs: 1000
      events:
        servers: ${nats.url}
        stream: ${STREAM}
`;
  // One after the other: the first one creates the databases and runs the
  // migrations, which two fresh instances would race on.
  const ready = [];
  for (const name of ['events-a', 'events-b']) {
    const backend = startBackend({
      name,
      port: await freePort(),
      prefix,
      token: randomBytes(24).toString('base64url'),
      extraConfig,
    });
    backends.push(backend);
    ready.push(await backend.ready());
  }
  check(
    'two backend replicas on PostgreSQL become ready',
    ready.every(Boolean),
  );
  if (!ready.every(Boolean)) throw new Error('a backend did not start');
  // Both replicas pull from the one durable consumer.
  for (let i = 0; i < 120; i++) {
    const info = await manager.consumers
      .info(STREAM, DURABLE)
      .catch(() => undefined);
    if (info && info.num_waiting >= 2) break;
    await sleep(500);
  }

  // Two events per deployment (created: executing, updated: its end state),
  // a share of the updates published first, then repeats of earlier events.
  const unique = Math.round(count * (1 - duplicateShare));
  const deployments = Array.from(
    { length: Math.floor(unique / 2) },
    (_, i) => ({
      id: randomUUID(),
      project: `project-${i % 50}`,
      env: i % 3 === 0 ? 'production' : 'development',
      envUuid: randomUUID(),
      createdAt: new Date(Date.now() - 3_600_000 + i).toISOString(),
      final: i % 7 === 0 ? 'failed' : 'succeeded',
    }),
  );
  const messages = [];
  for (const d of deployments) {
    const created = {
      subject: 'io.platform-orchestrator.deployment.created',
      payload: event(d, 1, 'executing'),
    };
    const updated = {
      subject: 'io.platform-orchestrator.deployment.updated',
      payload: event(d, 2, d.final),
    };
    messages.push(
      ...(Math.random() < outOfOrderShare
        ? [updated, created]
        : [created, updated]),
    );
  }
  const distinct = messages.length;
  while (messages.length < count) {
    // A repeat lands a little later than its original, as a replay would.
    const at = Math.floor(Math.random() * distinct);
    messages.splice(
      Math.min(messages.length, at + 1 + Math.floor(Math.random() * 200)),
      0,
      messages[at],
    );
  }

  // The ceiling: publishing alone, into a second stream nobody reads.
  await manager.streams.add({
    name: `${STREAM}_CEILING`,
    subjects: ['ceiling.>'],
  });
  const js = jetstream(publisher);
  const publishAll = async toSubject => {
    const window = 500;
    for (let i = 0; i < messages.length; i += window) {
      await Promise.all(
        messages
          .slice(i, i + window)
          .map(m => js.publish(toSubject(m.subject), m.payload)),
      );
    }
  };
  let t0 = performance.now();
  await publishAll(s => `ceiling.${s}`);
  const ceiling = count / ((performance.now() - t0) / 1000);
  console.log(
    `reference: JetStream takes ${ceiling.toFixed(0)} published events/s`,
  );

  const db = pgClient(`${prefix}paved`);
  await db.connect();
  const expected = new Map(
    deployments.map(d => [d.id, d.final === 'failed' ? 'failure' : 'success']),
  );
  t0 = performance.now();
  await publishAll(s => s);
  const published = (performance.now() - t0) / 1000;
  let settled = false;
  let info;
  for (let i = 0; i < 2400 && !settled; i++) {
    info = await manager.consumers.info(STREAM, DURABLE);
    if (info.num_pending === 0 && info.num_ack_pending === 0) {
      settled = true;
    } else {
      await sleep(50);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = count / seconds;
  console.log(
    `published ${count} events (${distinct} distinct, ${
      deployments.length
    } deployments) in ${published.toFixed(
      2,
    )} s; the ledger had them all after ${seconds.toFixed(2)} s`,
  );
  console.log(
    `ledger events/s: ${rate.toFixed(0)} (two replicas), ${(
      (100 * rate) /
      ceiling
    ).toFixed(0)} % of the publish ceiling; target >= ${TARGET_PER_SECOND}/s ${
      rate >= TARGET_PER_SECOND ? 'met' : 'NOT met'
    }`,
  );
  check(
    'every event acknowledged',
    settled,
    JSON.stringify({
      pending: info?.num_pending,
      ackPending: info?.num_ack_pending,
      redelivered: info?.num_redelivered,
    }),
  );

  const { rows } = await db.query(
    "SELECT external_id, status, is_production, count(*) OVER (PARTITION BY external_id)::int AS n FROM paved_deployments WHERE source = 'orchestrator:humanitec'",
  );
  const parked = await db.query(
    'SELECT count(*)::int AS n FROM paved_orchestrator_parked_events',
  );
  await db.end();
  const wrong = rows.filter(
    r => expected.get(r.external_id) !== r.status || r.n !== 1,
  );
  check(
    'one ledger row per deployment with its latest state',
    rows.length === deployments.length && wrong.length === 0,
    `${rows.length} rows for ${deployments.length} deployments, ${
      wrong.length
    } wrong${wrong.length ? `: ${JSON.stringify(wrong.slice(0, 3))}` : ''}`,
  );
  check(
    'production flag from the environment',
    rows.every(
      r =>
        r.is_production ===
        (deployments.find(d => d.id === r.external_id)?.env === 'production'),
    ),
  );
  check('nothing parked', parked.rows[0].n === 0, `${parked.rows[0].n} parked`);
  const errors = backends.flatMap(b =>
    b.errorLines().filter(l => !l.includes("Can't serve static app content")),
  );
  check(
    'no error-level log lines',
    errors.length === 0,
    errors.slice(0, 3).join('\n'),
  );
} catch (error) {
  check('load test ran', false, error.message);
} finally {
  await Promise.all(backends.map(b => b.stop()));
  await publisher?.close();
  await nats?.stop();
  await dropDatabases(prefix);
}
process.exit(results.every(Boolean) ? 0 : 1);
