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
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import request from 'supertest';
import { applyDatabaseMigrations } from '../../database';
import { pavedPlugin } from '../../plugin';
import { WebhookDeliveryStore } from '../WebhookDeliveryStore';
import { DeliveryBatcher } from './DeliveryBatcher';

// Runs on SQLite always and on PostgreSQL 15 when
// BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const secrets = { github: 'gh-test-secret', generic: 'ci-test-secret' };
const hmac = (secret: string, body: string) =>
  createHmac('sha256', secret).update(body).digest('hex');
const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

async function start(
  knex: Knex,
  options: { webhooks?: object; scheduler?: any } = {},
) {
  const { server } = await startTestBackend({
    features: [
      pavedPlugin,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          paved: {
            webhooks: {
              github: { secret: secrets.github },
              generic: { secret: secrets.generic },
              ...options.webhooks,
            },
          },
        },
      }),
      ...(options.scheduler ? [options.scheduler.factory()] : []),
    ],
  });
  return server;
}

function github(server: any, event: string, body: string, delivery: string) {
  return request(server)
    .post('/api/paved/v1/webhooks/github')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', delivery)
    .set('X-Hub-Signature-256', `sha256=${hmac(secrets.github, body)}`)
    .send(body);
}

const genericDeployment = {
  type: 'deployment',
  entityRef: 'component:default/checkout',
  externalId: 'run-1',
  environment: 'production',
  status: 'success',
};

/**
 * Starts a POST whose headers announce a body that is never sent, and
 * resolves with the answer, if one comes before the body.
 */
function postWithoutBody(
  port: number,
  path: string,
  headers: Record<string, string> = {},
) {
  const req = http.request({
    host: '127.0.0.1',
    port,
    path,
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': '1000',
      ...headers,
    },
  });
  const answer = new Promise<{
    status: number;
    headers: http.IncomingHttpHeaders;
    body: string;
  }>((resolve, reject) => {
    req.on('response', res => {
      let body = '';
      res.on('data', chunk => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body }),
      );
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { req, answer };
}

async function settled(knex: Knex) {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await knex('paved_webhook_deliveries')
      .where({ status: 'pending' })
      .count({ n: '*' });
    if (Number(n) === 0) return;
    await new Promise(r => setTimeout(r, 25));
  }
  throw new Error('deliveries still pending');
}

describe('webhook intake hardening', () => {
  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('refuses unknown and unconfigured sources before reading the body', async () => {
      const server = await start(knex);
      for (const [path, message] of [
        ['/api/paved/v1/webhooks/jira', "Unknown webhook source 'jira'"],
        [
          '/api/paved/v1/webhooks/gitlab',
          "Webhook source 'gitlab' is not configured: set paved.webhooks.gitlab.secret",
        ],
      ]) {
        const { req, answer } = postWithoutBody(server.port(), path);
        // The answer comes although the 1000 announced bytes never do.
        const res = await answer;
        req.destroy();
        expect(res.status).toBe(404);
        expect(JSON.parse(res.body).error.message).toMatch(message);
      }
    });

    it('answers 503 with Retry-After while the intake is full', async () => {
      const server = await start(knex, {
        webhooks: { intake: { maxQueued: 1, retryAfterSeconds: 7 } },
      });
      const body = JSON.stringify(genericDeployment);
      const signed = (delivery: string) => ({
        'X-Paved-Delivery': delivery,
        'X-Paved-Signature-256': `sha256=${hmac(secrets.generic, body)}`,
      });
      // One delivery whose body is still arriving holds the only place.
      const slow = http.request({
        host: '127.0.0.1',
        port: server.port(),
        path: '/api/paved/v1/webhooks/generic',
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(body)),
          ...signed('slow'),
        },
      });
      const slowAnswer = new Promise<number>((resolve, reject) => {
        slow.on('response', res => {
          res.resume();
          resolve(res.statusCode!);
        });
        slow.on('error', reject);
      });
      slow.write(body.slice(0, 10));
      await new Promise(r => setTimeout(r, 200));

      const busy = await request(server)
        .post('/api/paved/v1/webhooks/generic')
        .set('Content-Type', 'application/json')
        .set(signed('fast'))
        .send(body);
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('7');
      expect(busy.body.error.message).toMatch(
        /^The webhook intake is full \(1 deliveries in progress/,
      );

      slow.end(body.slice(10));
      expect(await slowAnswer).toBe(202);
      // The place is free again.
      await request(server)
        .post('/api/paved/v1/webhooks/generic')
        .set('Content-Type', 'application/json')
        .set(signed('fast'))
        .send(body)
        .expect(202);
    });

    it('answers 400 for a value the database cannot hold and stores its concurrent neighbours', async () => {
      const server = await start(knex);
      const push = fixture('github/push.json');
      const deliveries = Array.from({ length: 24 }, (_, i) => `ok-${i}`);
      const answers = await Promise.all([
        ...deliveries.map(id => github(server, 'push', push, id)),
        // Longer than the event column (128): PostgreSQL would refuse the
        // whole batch insert it shares with the others.
        github(server, `push${'x'.repeat(300)}`, push, 'too-long-event'),
        github(server, 'push', push, 'd'.repeat(256)),
      ]);
      const statuses = answers.map(a => a.status);
      expect(statuses.slice(0, 24)).toEqual(deliveries.map(() => 202));
      expect(statuses.slice(24)).toEqual([400, 400]);
      expect(answers[24].body.error.message).toBe(
        'Event name is 304 characters long; at most 128 are stored',
      );
      expect(answers[25].body.error.message).toBe(
        'Delivery id is 256 characters long; at most 255 are stored',
      );

      // A ledger field too long for its column is refused the same way.
      const text = JSON.stringify({
        ...genericDeployment,
        environment: 'e'.repeat(256),
      });
      const longField = await request(server)
        .post('/api/paved/v1/webhooks/generic')
        .set('Content-Type', 'application/json')
        .set('X-Paved-Delivery', 'long-field')
        .set('X-Paved-Signature-256', `sha256=${hmac(secrets.generic, text)}`)
        .send(text);
      expect(longField.status).toBe(400);
      expect(longField.body.error.message).toBe(
        'Payload deployment environment is 256 characters long; at most 255 are stored',
      );

      await settled(knex);
      const stored = await knex('paved_webhook_deliveries')
        .orderBy('delivery_id')
        .select('delivery_id', 'status');
      expect(stored.map(r => r.delivery_id)).toEqual([...deliveries].sort());
      expect(new Set(stored.map(r => r.status))).toEqual(
        new Set(['processed']),
      );
    });

    it('stores the other deliveries of a batch the database refused', async () => {
      await applyDatabaseMigrations(
        { getClient: async () => knex } as any,
        knex,
      );
      const batcher = new DeliveryBatcher(new WebhookDeliveryStore(knex));
      const delivery = (id: string) => ({
        source: 'generic',
        deliveryId: id,
        event: 'deployment',
        payload: '{}',
      });
      // Accepted on one turn of the event loop: one batch. The NOT NULL
      // event column refuses the bad one on every database.
      const results = await Promise.allSettled([
        batcher.accept(delivery('a')),
        batcher.accept({ ...delivery('bad'), event: null as any }),
        batcher.accept(delivery('b')),
        batcher.accept(delivery('c')),
      ]);
      expect(results.map(r => r.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(
        await knex('paved_webhook_deliveries')
          .orderBy('delivery_id')
          .pluck('delivery_id'),
      ).toEqual(['a', 'b', 'c']);
    });

    it('empties payloads of finished deliveries after the retention; ledger rows stay', async () => {
      const scheduler = mockServices.scheduler();
      const server = await start(knex, {
        scheduler,
        webhooks: { retention: { payloadDays: 30 } },
      });
      const body = (externalId: string) =>
        JSON.stringify({ ...genericDeployment, externalId });
      const send = (delivery: string, text: string) =>
        request(server)
          .post('/api/paved/v1/webhooks/generic')
          .set('Content-Type', 'application/json')
          .set('X-Paved-Delivery', delivery)
          .set('X-Paved-Signature-256', `sha256=${hmac(secrets.generic, text)}`)
          .send(text)
          .expect(202);
      await send('old', body('run-old'));
      await send('recent', body('run-recent'));
      await settled(knex);
      await knex('paved_webhook_deliveries')
        .where({ delivery_id: 'old' })
        .update({
          processed_at: new Date(Date.now() - 31 * 24 * 60 * 60 * 1000),
        });
      // A delivery still pending keeps its payload, however old.
      await new WebhookDeliveryStore(knex).accept({
        source: 'generic',
        deliveryId: 'stuck',
        event: 'deployment',
        payload: body('run-stuck'),
      });
      await knex('paved_webhook_deliveries')
        .where({ delivery_id: 'stuck' })
        .update({
          received_at: new Date(Date.now() - 60 * 24 * 60 * 60 * 1000),
          lease_until: new Date(Date.now() + 60 * 60 * 1000),
        });

      await scheduler.triggerTask('paved-webhook-payload-retention');

      const rows = await knex('paved_webhook_deliveries')
        .orderBy('delivery_id')
        .select('delivery_id', 'status', 'payload');
      expect(rows).toEqual([
        { delivery_id: 'old', status: 'processed', payload: '{}' },
        {
          delivery_id: 'recent',
          status: 'processed',
          payload: body('run-recent'),
        },
        { delivery_id: 'stuck', status: 'pending', payload: body('run-stuck') },
      ]);
      expect(
        await knex('paved_deployments')
          .orderBy('external_id')
          .pluck('external_id'),
      ).toEqual(['run-old', 'run-recent']);
      // A redelivery of the purged one is still known.
      const again = await request(server)
        .post('/api/paved/v1/webhooks/generic')
        .set('Content-Type', 'application/json')
        .set('X-Paved-Delivery', 'old')
        .set(
          'X-Paved-Signature-256',
          `sha256=${hmac(secrets.generic, body('run-old'))}`,
        )
        .send(body('run-old'));
      expect(again.body).toMatchObject({ duplicate: true });
    });

    it('checks the signed timestamp of generic deliveries', async () => {
      const server = await start(knex, {
        webhooks: {
          generic: {
            secret: secrets.generic,
            requireTimestamp: true,
            replayWindowSeconds: 300,
          },
        },
      });
      const text = JSON.stringify(genericDeployment);
      const send = (headers: Record<string, string>) =>
        request(server)
          .post('/api/paved/v1/webhooks/generic')
          .set('Content-Type', 'application/json')
          .set('X-Paved-Delivery', randomUUID())
          .set(headers)
          .send(text);
      const now = Math.floor(Date.now() / 1000);
      const signedAt = (timestamp: number) => ({
        'X-Paved-Timestamp': String(timestamp),
        'X-Paved-Signature-256': `sha256=${hmac(
          secrets.generic,
          `${timestamp}.${text}`,
        )}`,
      });

      const missing = await send({
        'X-Paved-Signature-256': `sha256=${hmac(secrets.generic, text)}`,
      });
      expect(missing.status).toBe(401);
      expect(missing.body.error.message).toMatch(
        /^Missing X-Paved-Timestamp header/,
      );
      expect((await send(signedAt(now))).status).toBe(202);
      const replayed = await send(signedAt(now - 600));
      expect(replayed.status).toBe(401);
      expect(replayed.body.error.message).toMatch(
        /^X-Paved-Timestamp is 60\d s old; deliveries outside the replay window of 300 s are refused$/,
      );
      // A timestamp the signature does not cover could be changed at will.
      const unsigned = await send({
        'X-Paved-Timestamp': String(now),
        'X-Paved-Signature-256': `sha256=${hmac(secrets.generic, text)}`,
      });
      expect(unsigned.status).toBe(401);
      expect(unsigned.body.error.message).toMatch(
        /^X-Paved-Signature-256 does not match the body/,
      );
    });
  });
});
