import path from 'node:path';
import { startScaffolder } from './testing/scaffolderDryRun';
it('debug', async () => {
  for (const p of [path, path.posix]) for (const fn of ['join', 'resolve', 'relative', 'dirname'] as const) {
    const orig = (p as any)[fn];
    (p as any)[fn] = (...args: any[]) => {
      if (args.some(a => typeof a !== 'string')) console.log(fn, new Error().stack);
      return orig(...args);
    };
  }
  const s = await startScaffolder({ entities: [], localReposDir: '/tmp/x' });
  const r = await s.dryRun('typescript-service', { name: 'abc', owner: 'group:default/a', system: 'system:default/b', publisher: 'local' });
  console.log(r.status);
  await s.backend.stop();
});
