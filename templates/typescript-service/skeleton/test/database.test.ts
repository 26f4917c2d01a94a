import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createItemStore } from '../src/items.ts';
import { migrate } from '../src/migrate.ts';

const url = process.env.DATABASE_URL;
const migrations = fileURLToPath(new URL('../migrations', import.meta.url));

// Runs against a real PostgreSQL: CI starts one (see .github/workflows/ci.yaml);
// locally set DATABASE_URL, e.g. postgresql://postgres@localhost:5432/postgres.
// Each run creates and drops its own database.
describe('PostgreSQL', { skip: url ? false : 'DATABASE_URL is not set' }, () => {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url });
  let pool: pg.Pool;

  before(async () => {
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url!);
    target.pathname = `/${name}`;
    pool = new pg.Pool({ connectionString: target.toString() });
  });
  after(async () => {
    await pool?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  it('applies every migration once', async () => {
    assert.deepEqual(await migrate(pool, migrations), ['001_create_items.sql']);
    assert.deepEqual(await migrate(pool, migrations), []);
    const { rows } = await pool.query('SELECT name FROM schema_migrations');
    assert.deepEqual(rows.map(r => r.name), ['001_create_items.sql']);
  });

  it('stores items', async () => {
    const store = createItemStore(pool);
    const item = await store.create('stored');
    assert.equal(item.name, 'stored');
    assert.deepEqual((await store.list()).map(i => i.name), ['stored']);
  });
});
