import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Item, ItemStore } from '../src/items.ts';
import { createHttpServer } from '../src/server.ts';

/** An in-memory ItemStore: these tests are about HTTP, not the database. */
function memoryStore(): ItemStore {
  const items: Item[] = [];
  return {
    async list() {
      return items;
    },
    async create(name) {
      const item = { id: items.length + 1, name, createdAt: new Date().toISOString() };
      items.push(item);
      return item;
    },
  };
}

describe('HTTP server', () => {
  let ready = true;
  const server = createHttpServer({
    checkReady: async () => {
      if (!ready) throw new Error('database unreachable');
    },
    items: memoryStore(),
  });
  let base = '';
  before(async () => {
    await new Promise<void>(resolve => server.listen(0, resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('answers the liveness probe', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('reports readiness from the readiness check', async () => {
    ready = true;
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    ready = false;
    const res = await fetch(`${base}/readyz`);
    assert.equal(res.status, 503);
    assert.equal((await res.json()).reason, 'database unreachable');
    ready = true;
  });

  it('creates and lists items', async () => {
    const created = await fetch(`${base}/api/items`, {
      method: 'POST',
      body: JSON.stringify({ name: ' first ' }),
    });
    assert.equal(created.status, 201);
    assert.equal((await created.json()).name, 'first');
    const list = await (await fetch(`${base}/api/items`)).json();
    assert.deepEqual(
      list.items.map((i: Item) => i.name),
      ['first'],
    );
  });

  it('rejects bad input with a message that says what is wrong', async () => {
    const notJson = await fetch(`${base}/api/items`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
    assert.match((await notJson.json()).error, /not valid JSON/);
    const noName = await fetch(`${base}/api/items`, {
      method: 'POST',
      body: JSON.stringify({ name: '' }),
    });
    assert.equal(noName.status, 400);
    assert.match((await noName.json()).error, /^name:/);
    assert.equal((await fetch(`${base}/nope`)).status, 404);
  });
});
