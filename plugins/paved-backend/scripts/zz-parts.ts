import knexFactory from 'knex';
import { resolveWindow } from '../src/service/dora/windows';
import { DoraQueries, scopeSql } from '../src/service/dora/DoraQueries';
import { binnedTrendMedians, binnedGroupMedians } from '../src/service/dora/leadTimeMedians';
async function main() {
  const db = knexFactory({ client: 'pg', connection: `postgresql://postgres@127.0.0.1:5432/${process.env.DB}`, pool: { min: 0, max: 10 } });
  const q: any = new DoraQueries(db);
  for (const days of [28, 365]) {
    const w = resolveWindow({ days }, 'UTC', new Date('2026-10-31T23:00:00Z'));
    const all = { type: 'organisation' } as const;
    const parts: Record<string, () => Promise<any>> = {
      perEntity: () => q.deploymentsPerEntity(w),
      counts: () => q.deploymentCounts(scopeSql(all, 'rollup'), w),
      binned: () => binnedTrendMedians(db, { window: w, scope: scopeSql(all, 'rollup') }),
      leadEntity: () => q.leadTimePerEntity(w),
      leadOwner: () => binnedGroupMedians(db, { window: w, column: 'owner_ref' }),
      leadSystem: () => binnedGroupMedians(db, { window: w, column: 'system_ref' }),
      recTrend: () => q.trendMedians('recovery', scopeSql(all, 'incidents'), w),
      recLevels: () => q.recoveryMedians(w),
      whole: () => q.organisation(w),
    };
    for (const [name, fn] of Object.entries(parts)) {
      const ts: number[] = [];
      for (let i = 0; i < 3; i++) { const t = Date.now(); await fn(); ts.push(Date.now() - t); }
      console.log(days, name, ts.join(' '));
    }
  }
  await db.destroy();
}
main();
