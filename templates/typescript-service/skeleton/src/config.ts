import type pg from 'pg';

/**
 * Connection settings from the environment. score.yaml maps the PostgreSQL
 * resource's outputs to the standard PG* variables; DATABASE_URL wins when
 * set (local development, CI).
 */
export function databaseConfig(env = process.env): pg.PoolConfig {
  if (env.DATABASE_URL) {
    return { connectionString: env.DATABASE_URL };
  }
  return {
    host: env.PGHOST ?? 'localhost',
    port: Number(env.PGPORT ?? 5432),
    database: env.PGDATABASE,
    user: env.PGUSER,
    password: env.PGPASSWORD,
  };
}

export function port(env = process.env): number {
  return Number(env.PORT ?? 8080);
}
