import knexFactory from 'knex';
import { resolveWindow } from '../src/service/dora/windows';
import { leadTimeMedians } from '../src/service/dora/leadTimeMedians';
async function main() {
  const db = knexFactory({ client: 'pg', connection: `postgresql://postgres@127.0.0.1:5432/${process.env.DB}` });
  const w = resolveWindow({ days: Number(process.env.DAYS ?? 365) }, 'UTC', new Date('2026-10-31T23:00:00Z'));
  const levels = (process.env.LEVELS ?? 'entity,owner,system,total,week').split(',') as any;
  const scope = process.env.ENTITY ? { sql: 'x.entity_id = (SELECT id FROM paved_dora_entities WHERE entity_ref = ?)', bindings: [process.env.ENTITY] } : { sql: '1 = 1', bindings: [] };
  const fake: any = { client: db.client, raw: (sql: string, b: any) => { console.log(db.raw(sql, b).toQuery() + ';'); return Promise.resolve({ rows: [] }); } };
  await leadTimeMedians(fake, { window: w, scope, levels });
  await db.destroy();
}
main();
