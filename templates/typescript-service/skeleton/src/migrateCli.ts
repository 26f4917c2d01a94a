import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { databaseConfig } from './config.ts';
import { migrate } from './migrate.ts';

const pool = new pg.Pool(databaseConfig());
try {
  const applied = await migrate(
    pool,
    fileURLToPath(new URL('../migrations', import.meta.url)),
  );
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'up to date');
} finally {
  await pool.end();
}
