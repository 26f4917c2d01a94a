/*
 * Copyright 2026 The Paved Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * Which teams an entity's numbers count for. A team (a catalog Group)
 * counts the entities it owns, the entities of the systems it owns, and
 * everything its child groups count, transitively. Owners, systems and the
 * group tree are copied from the catalog by DoraEntityDirectory into
 * paved_dora_entities, paved_dora_systems and paved_dora_groups.
 */

/**
 * SQL selecting the ids of the entities a team counts; one binding, the
 * team's ref. Child groups are found with a recursive CTE (UNION stops at a
 * cycle in a broken group tree).
 */
export const TEAM_ENTITY_IDS_SQL = `
  WITH RECURSIVE team (ref) AS (
    SELECT CAST(? AS VARCHAR(255))
    UNION
    SELECT g.group_ref FROM paved_dora_groups g JOIN team t ON g.parent_ref = t.ref
  )
  SELECT e.id FROM paved_dora_entities e
  WHERE e.owner_ref IN (SELECT ref FROM team)
    OR e.system_ref IN (
      SELECT s.system_ref FROM paved_dora_systems s
      WHERE s.owner_ref IN (SELECT ref FROM team)
    )`;

/** The same as entity refs (for tables keyed by ref), with the same bindings. */
export const TEAM_ENTITY_REFS_SQL = TEAM_ENTITY_IDS_SQL.replace(
  'SELECT e.id FROM',
  'SELECT e.entity_ref FROM',
);

/**
 * The teams an entity with this owner and system counts for: the owner and
 * the system's owner, and their parent groups up to the root. `[null]` when
 * it has none (the "no owner" row).
 */
export function teamResolver(
  groups: Iterable<[string, string | null]>,
  systems: Iterable<[string, string | null]>,
): (owner: string | null, system: string | null) => Array<string | null> {
  const parents = new Map(groups);
  const systemOwners = new Map(systems);
  const chains = new Map<string, string[]>();
  const upFrom = (group: string): string[] => {
    let chain = chains.get(group);
    if (!chain) {
      chain = [];
      for (
        let g: string | null | undefined = group;
        g && !chain.includes(g);
        g = parents.get(g)
      ) {
        chain.push(g);
      }
      chains.set(group, chain);
    }
    return chain;
  };
  return (owner, system) => {
    const teams = new Set<string>();
    const systemOwner = system ? systemOwners.get(system) : undefined;
    for (const start of [owner, systemOwner]) {
      if (start) upFrom(start).forEach(t => teams.add(t));
    }
    return teams.size ? [...teams] : [null];
  };
}
