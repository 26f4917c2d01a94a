-- The example resource of the service; replace it with your own tables.
-- Migrations run in file-name order, once each, when the service starts.
CREATE TABLE items (
  id serial PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
