import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { databaseConfig, port } from './config.ts';
import { createItemStore } from './items.ts';
import { migrate } from './migrate.ts';
import { createHttpServer } from './server.ts';

const pool = new pg.Pool(databaseConfig());
const applied = await migrate(
  pool,
  fileURLToPath(new URL('../migrations', import.meta.url)),
);
if (applied.length) {
  console.log(`applied migrations: ${applied.join(', ')}`);
}

const server = createHttpServer({
  checkReady: async () => {
    await pool.query('SELECT 1');
  },
  items: createItemStore(pool),
});
server.listen(port(), () => {
  console.log(`${{ values.name }} listening on :${port()}`);
});

// Finish requests in flight, then close the database pool.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => void pool.end());
  });
}
