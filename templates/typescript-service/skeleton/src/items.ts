import type pg from 'pg';

export interface Item {
  id: number;
  name: string;
  createdAt: string;
}

export interface ItemStore {
  list(): Promise<Item[]>;
  create(name: string): Promise<Item>;
}

/** The example resource, stored in the table migrations/001 creates. */
export function createItemStore(pool: pg.Pool): ItemStore {
  const toItem = (row: { id: number; name: string; created_at: Date }) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at.toISOString(),
  });
  return {
    async list() {
      const { rows } = await pool.query(
        'SELECT id, name, created_at FROM items ORDER BY id',
      );
      return rows.map(toItem);
    },
    async create(name) {
      const { rows } = await pool.query(
        'INSERT INTO items (name) VALUES ($1) RETURNING id, name, created_at',
        [name],
      );
      return toItem(rows[0]);
    },
  };
}
