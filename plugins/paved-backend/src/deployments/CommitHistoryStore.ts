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
import { Knex } from 'knex';
import type { ChangeInput } from './DeploymentStore';

/** A push as the webhook sources hand it over: a ref moved, with commits. */
export type PushInput = {
  /** Link key of the repository, e.g. github.com/project-slug=acme/x. */
  subject: string;
  source: string;
  ref: string;
  before: string;
  after: string;
  /** The sender says history was rewritten (GitHub `forced`). */
  forced: boolean;
  /** The commits the payload lists, oldest first. */
  commits: ChangeInput[];
  /** How many commits the push brought, when the sender says (GitLab). */
  total?: number;
  /** Most commits the sender lists in one payload (GitHub 2,048, GitLab 20). */
  listLimit: number;
  /** Where the repository lives, for the SCM's compare API. */
  repository?: {
    provider: 'github' | 'gitlab';
    webUrl: string;
    projectId?: string;
  };
};

const ZERO_SHA = /^0+$/;

/** True for the all-zero sha a sender puts where a ref did not exist. */
export function isZeroSha(sha: string | null | undefined): boolean {
  return !sha || ZERO_SHA.test(sha);
}

/**
 * The original commit a `git cherry-pick -x` commit names in its message:
 * `(cherry picked from commit <sha>)`. When a cherry-pick was picked again
 * the message has one such line per pick; the first names the original.
 */
export function cherryPickOrigin(
  message: string | undefined,
): string | undefined {
  const match = message?.match(
    /\(cherry picked from commit ([0-9a-f]{7,64})\)/i,
  );
  return match?.[1].toLowerCase();
}

/** Whether the payload lists every commit of the push. */
export function pushListsEveryCommit(push: PushInput): boolean {
  const listed = push.commits.length;
  if (push.total !== undefined && listed < push.total) return false;
  // GitHub gives no total: a full list may have been cut at the limit.
  if (push.total === undefined && listed >= push.listLimit) return false;
  // The newest listed commit is the new head, unless the list was cut.
  return !listed || push.commits[listed - 1].sha === push.after;
}

/** The first line of a commit message, as the ledger stores it. */
function firstLine(message: string | undefined): string | null {
  return message ? message.split('\n')[0].slice(0, 500) : null;
}

/** Rows per multi-row INSERT (well below SQLite's variable limit). */
const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/**
 * Inserts commits, or fills in details of ones known only by sha (a
 * deployment's commit, recorded before its details were known): one
 * statement per chunk, whatever the number of commits. Details only fill
 * in a commit that has no commit time yet.
 */
export async function upsertCommitRows(
  db: Knex,
  rows: Array<{
    subject: string;
    source: string;
    entityRef?: string;
    change: ChangeInput;
  }>,
): Promise<void> {
  const now = new Date();
  // One row per (subject, sha): PostgreSQL refuses to update a row twice
  // in one statement.
  const unique = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.subject}\u0000${row.change.sha}`;
    const seen = unique.get(key);
    if (!seen || (!seen.change.committedAt && row.change.committedAt)) {
      unique.set(key, row);
    }
  }
  for (const chunk of chunks([...unique.values()])) {
    await db('paved_changes')
      .insert(
        chunk.map(({ subject, source, entityRef, change: c }) => ({
          subject,
          sha: c.sha,
          entity_ref: entityRef ?? null,
          source,
          author: c.author ?? null,
          authored_at: c.authoredAt ?? null,
          committed_at: c.committedAt ?? null,
          message: firstLine(c.message),
          cherry_pick_of: cherryPickOrigin(c.message) ?? null,
          created_at: now,
        })),
      )
      .onConflict(['subject', 'sha'])
      .merge({
        author: db.raw('excluded.author'),
        authored_at: db.raw('excluded.authored_at'),
        committed_at: db.raw('excluded.committed_at'),
        message: db.raw('excluded.message'),
        cherry_pick_of: db.raw(
          'COALESCE(paved_changes.cherry_pick_of, excluded.cherry_pick_of)',
        ),
      })
      .whereRaw(
        `paved_changes.committed_at IS NULL AND (excluded.author IS NOT NULL
          OR excluded.authored_at IS NOT NULL OR excluded.committed_at IS NOT NULL
          OR excluded.message IS NOT NULL)`,
      );
  }
}

/**
 * Each repository's push history: which commits every push brought, in
 * order, so a deployment's commit range can be walked from its commit back
 * to the previous production deployment's (docs/dora.md). Writes are
 * idempotent: a push is keyed by (repository, ref, before, after), so the
 * same push from a repository and an organisation webhook is stored once.
 */
export class CommitHistoryStore {
  /** Repository locations this store wrote, to skip rewriting them. */
  private readonly knownRepositories = new Map<
    string,
    NonNullable<PushInput['repository']>
  >();

  constructor(private readonly db: Knex) {}

  /** Records pushes (and their commits), all in one transaction. */
  async recordPushes(
    pushes: PushInput[],
    tx?: Knex.Transaction,
  ): Promise<{ recorded: number }> {
    const run = async (trx: Knex.Transaction) => {
      const relevant = pushes.filter(
        p => !isZeroSha(p.after) && p.commits.length > 0,
      );
      if (!relevant.length) return { recorded: 0 };
      const now = new Date();
      const rows = relevant.map(p => ({
        subject: p.subject,
        ref: p.ref.slice(0, 255),
        before_sha: p.before,
        after_sha: p.after,
        forced: p.forced,
        listed: p.commits.length,
        total: p.total ?? null,
        complete: pushListsEveryCommit(p),
        commits: p.commits.map(c => c.sha).join(','),
        source: p.source,
        received_at: now,
      }));
      // Only pushes stored just now get their commits (a repeated push
      // already has them): the insert returns the rows it stored.
      const moveKey = (r: {
        subject: string;
        ref: string;
        before_sha: string;
        after_sha: string;
      }) => [r.subject, r.ref, r.before_sha, r.after_sha].join('\u0000');
      const stored = new Map<string, number>();
      for (const chunk of chunks(rows)) {
        const inserted: Array<{
          id: number | string;
          subject: string;
          ref: string;
          before_sha: string;
          after_sha: string;
        }> = await trx('paved_pushes')
          .insert(chunk)
          .onConflict(['subject', 'ref', 'before_sha', 'after_sha'])
          .ignore()
          .returning(['id', 'subject', 'ref', 'before_sha', 'after_sha']);
        for (const row of inserted) stored.set(moveKey(row), Number(row.id));
      }
      const commitRows = rows.flatMap((row, i) => {
        const id = stored.get(moveKey(row));
        // A push listed twice in one batch gets its commits once.
        stored.delete(moveKey(row));
        return id !== undefined
          ? relevant[i].commits.map((c, position) => ({
              push_id: id,
              position,
              sha: c.sha,
              author: c.author?.slice(0, 255) ?? null,
              committed_at: c.committedAt ?? c.authoredAt ?? null,
              message: firstLine(c.message),
              cherry_pick_of: cherryPickOrigin(c.message) ?? null,
            }))
          : [];
      });
      for (const chunk of chunks(commitRows)) {
        await trx('paved_push_commits').insert(chunk);
      }
      const repositories = new Map<string, PushInput['repository']>();
      for (const p of relevant) {
        const known = this.knownRepositories.get(p.subject);
        if (
          p.repository &&
          (known?.webUrl !== p.repository.webUrl ||
            known?.projectId !== p.repository.projectId)
        ) {
          repositories.set(p.subject, p.repository);
        }
      }
      if (repositories.size) {
        await trx('paved_repositories')
          .insert(
            [...repositories].map(([subject, r]) => ({
              subject,
              provider: r!.provider,
              web_url: r!.webUrl,
              project_id: r!.projectId ?? null,
              updated_at: now,
            })),
          )
          .onConflict('subject')
          .merge(['provider', 'web_url', 'project_id', 'updated_at']);
        // Remembered once committed, so a rolled-back write is not skipped.
        trx.executionPromise
          .then(() => {
            for (const [subject, r] of repositories) {
              this.knownRepositories.set(subject, r!);
            }
          })
          .catch(() => {});
      }
      return { recorded: new Set(commitRows.map(r => r.push_id)).size };
    };
    return tx ? run(tx) : this.db.transaction(run);
  }
}

/**
 * Marks the commit ranges of deployment records for (re)resolution, e.g.
 * after a record was created or changed, or linked to an entity. `listed`
 * says the sender listed the commits it shipped (kept once set).
 */
export async function markCommitRangesPending(
  db: Knex | Knex.Transaction,
  deploymentIds: string[],
  options: { listed?: boolean } = {},
): Promise<void> {
  const now = new Date();
  for (const chunk of chunks(deploymentIds)) {
    await db('paved_commit_ranges')
      .insert(
        chunk.map(id => ({
          deployment_id: id,
          status: 'pending',
          complete: false,
          listed: Boolean(options.listed),
          attempts: 0,
          next_attempt_at: now,
        })),
      )
      .onConflict('deployment_id')
      .merge({
        status: 'pending',
        complete: false,
        attempts: 0,
        next_attempt_at: now,
        ...(options.listed ? { listed: true } : {}),
      });
  }
}

/** Picks of picks are followed this far back. */
const MAX_PICK_HOPS = 5;

/**
 * The original commits of the cherry-picks among `shas`: sha → original,
 * for each cherry-pick (a `(cherry picked from commit <sha>)` trailer)
 * whose original Paved knows with a commit or author time. A pick of a
 * pick leads to the first original. Commits are matched by full sha.
 */
export async function cherryPickOriginals(
  db: Knex | Knex.Transaction,
  shas: string[],
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (!shas.length) return result;
  const picks = new Map<string, string>();
  for (const [sha, facts] of await commitFacts(db, [...new Set(shas)])) {
    if (facts.pickOf) picks.set(sha, facts.pickOf);
  }
  if (!picks.size) return result;
  // What Paved knows of each original: whether it has a time, and whether
  // it is itself a pick.
  const known = new Map<string, CommitFacts>();
  let wanted = [...new Set(picks.values())];
  for (let hop = 0; hop < MAX_PICK_HOPS && wanted.length; hop++) {
    const found = await commitFacts(db, wanted);
    wanted = [];
    for (const [sha, facts] of found) {
      known.set(sha, facts);
      if (facts.pickOf && !known.has(facts.pickOf)) wanted.push(facts.pickOf);
    }
  }
  for (const [sha, first] of picks) {
    let original: string | undefined;
    let current: string | null = first;
    for (let hop = 0; current && hop < MAX_PICK_HOPS; hop++) {
      const info = known.get(current);
      if (!info) break;
      if (info.timed) original = current;
      current = info.pickOf;
    }
    if (original && original !== sha) result.set(sha, original);
  }
  return result;
}

type CommitFacts = { timed: boolean; pickOf: string | null };

/**
 * What the ledger knows of commits, from deployments' commits and from
 * pushes: whether it has a commit time, and the original it was
 * cherry-picked from.
 */
async function commitFacts(
  db: Knex | Knex.Transaction,
  shas: string[],
): Promise<Map<string, CommitFacts>> {
  const facts = new Map<string, CommitFacts>();
  const add = (row: {
    sha: string;
    cherry_pick_of: string | null;
    committed_at: unknown;
    authored_at?: unknown;
  }) => {
    const seen = facts.get(row.sha);
    facts.set(row.sha, {
      timed:
        Boolean(seen?.timed) ||
        (row.committed_at ?? null) !== null ||
        (row.authored_at ?? null) !== null,
      pickOf: seen?.pickOf ?? row.cherry_pick_of,
    });
  };
  for (const chunk of chunks(shas, 1000)) {
    (
      await db('paved_changes')
        .whereIn('sha', chunk)
        .select('sha', 'cherry_pick_of', 'committed_at', 'authored_at')
    ).forEach(add);
    (
      await db('paved_push_commits')
        .whereIn('sha', chunk)
        .select('sha', 'cherry_pick_of', 'committed_at')
    ).forEach(add);
  }
  return facts;
}

/**
 * Copies the details of pushed commits (time, author, message, pick) to
 * `paved_changes` under `subjects`, for commits a deployment ships: the
 * metric queries read commit times there. Details already known stay.
 */
export async function materialisePushedCommits(
  db: Knex | Knex.Transaction,
  options: { subjects: string[]; shas: string[]; entityRef?: string },
): Promise<void> {
  if (!options.shas.length || !options.subjects.length) return;
  const rows = new Map<string, any>();
  for (const chunk of chunks([...new Set(options.shas)], 1000)) {
    for (const row of await db('paved_push_commits')
      .whereIn('sha', chunk)
      .select('sha', 'author', 'committed_at', 'message', 'cherry_pick_of')) {
      if (!rows.has(row.sha) || row.committed_at !== null) {
        rows.set(row.sha, row);
      }
    }
  }
  if (!rows.size) return;
  const now = new Date();
  for (const subject of new Set(options.subjects)) {
    for (const chunk of chunks([...rows.values()])) {
      await db('paved_changes')
        .insert(
          chunk.map(row => ({
            subject,
            sha: row.sha,
            entity_ref: options.entityRef ?? null,
            source: 'push',
            author: row.author,
            authored_at: null,
            committed_at: row.committed_at,
            message: row.message,
            cherry_pick_of: row.cherry_pick_of,
            created_at: now,
          })),
        )
        .onConflict(['subject', 'sha'])
        .merge({
          author: db.raw('excluded.author'),
          committed_at: db.raw('excluded.committed_at'),
          message: db.raw('excluded.message'),
          cherry_pick_of: db.raw(
            'COALESCE(paved_changes.cherry_pick_of, excluded.cherry_pick_of)',
          ),
        })
        .whereRaw(
          'paved_changes.committed_at IS NULL AND excluded.committed_at IS NOT NULL',
        );
    }
  }
}
