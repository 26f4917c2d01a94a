import knexFactory, { Knex } from 'knex';
import { seed } from '/work/main/plugins/paved-backend/scripts/bench-dora-seed';
import { DoraRollups } from '/work/main/plugins/paved-backend/src/service/dora/DoraRollups';
import { DoraQueries } from '/work/main/plugins/paved-backend/src/service/dora/DoraQueries';
import { resolveWindow } from '/work/main/plugins/paved-backend/src/service/dora/windows';

const END = new Date('2026-11-01T00:00:00Z');
async function main() {
  const name = process.env.DB ?? 'paved_dora_proto';
  const admin = knexFactory({ client: 'pg', connection: 'postgresql://postgres@127.0.0.1:5432/postgres' });
  const fresh = !process.env.REUSE;
  if (fresh) {
    await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
    await admin.raw(`CREATE DATABASE ${name}`);
  }
  await admin.destroy();
  const db = knexFactory({ client: 'pg', connection: `postgresql://postgres@127.0.0.1:5432/${name}`, pool: { min: 0, max: 4 } });
  let t = Date.now();
  if (fresh) {
    await db.migrate.latest({ directory: '/work/main/plugins/paved-backend/migrations', tableName: 'paved_knex_migrations' });
    await seed(db, { entities: Number(process.env.E ?? 2000) });
    console.log('seed', Date.now() - t); t = Date.now();
    const r = new DoraRollups(db, {});
    console.log("rebuilt", await r.rebuildAll(), Date.now() - t); t = Date.now();
    await db.raw('VACUUM ANALYZE paved_dora_deployments');
    await db.raw('VACUUM ANALYZE paved_dora_lead_times'); await db.raw('VACUUM ANALYZE paved_dora_entities'); console.log('vacuum', Date.now() - t);
  }
  for (const tbl of ['paved_deployments','paved_changes','paved_deployment_changes','paved_incidents','paved_dora_deployments','paved_dora_lead_times']) {
    const [{ n }] = (await db.raw(`select count(*) n from ${tbl}`)).rows; console.log(tbl, n);
  }
  const q = new DoraQueries(db);
  for (const days of [28, 365]) {
    const w = resolveWindow({ days }, 'UTC', new Date(END.getTime() - 1000));
    for (let i = 0; i < 3; i++) {
      t = Date.now();
      const s = await q.summary({ type: 'entity', ref: 'component:default/svc-0042' }, w);
      const te = Date.now() - t; t = Date.now();
      const o = await q.summary({ type: 'organisation' }, w);
      const to = Date.now() - t; t = Date.now();
      const b = await q.organisation(w);
      const tb = Date.now() - t;
      console.log(days, 'entity', te, 'orgSummary', to, 'organisation', tb, JSON.stringify(s.deployments), s.leadTime, o.leadTime, b.summary.leadTime, o.deployments, b.entities.length, b.leadTime.owner.size, [...b.leadTime.owner.entries()][3], o.recoveryTime, s.leadTimeBuckets.slice(0,3));
    }
  }
  await db.destroy();
}
main().catch(e => { console.error(e); process.exit(1); });
