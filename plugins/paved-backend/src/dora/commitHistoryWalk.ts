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
import { isZeroSha } from '../deployments/CommitHistoryStore';

/** What a walk along the push history found. */
export type HistoryWalk = {
  /** Commits between the base and the head, newest first (head included). */
  commits: string[];
  /** The walk reached the base or commits shipped before; none is missing. */
  complete: boolean;
  /** Why it is not complete. */
  reason?: string;
};

type PushRow = {
  id: number | string;
  ref: string;
  before_sha: string;
  after_sha: string;
  forced: boolean | number;
  complete: boolean | number;
  listed: number;
  total: number | null;
  /** The push's commit shas, oldest first, comma-separated. */
  commits: string;
  position: number;
};

/**
 * Walks a repository's push history from `head` back to `base` (the
 * previous production deployment's commit) and returns the commits in
 * between: the commits of the push that brought `head` (up to `head`),
 * then of the push that brought that push's `before`, and so on. A push
 * brings exactly the commits reachable from its `after` and not from its
 * `before` (merged branches included), so following `before` walks the
 * ref's first-parent line and collects every commit in between.
 *
 * The walk stops, complete, at `base` or at a commit the entity shipped
 * before (`shipped`: its ancestors were shipped too). It stops incomplete
 * where the history has a gap: a commit in no recorded push, a push that
 * listed fewer commits than it brought (GitLab's 20, GitHub's 2,048), a
 * push that created its ref (where it branched off is not in the payload)
 * or a force-push (its commits start at the merge base of the old and new
 * head, which the payload does not name) unless the old head itself was
 * shipped: then everything before the merge base was shipped too, and the
 * new history is exactly the push's commits. Dropped commits of a
 * force-push are never walked: the walk leaves a push by its `before` only
 * when the push was not forced.
 */
export async function walkPushHistory(
  db: Knex,
  options: {
    subject: string;
    head: string;
    base: string;
    /** Which of the given commits the entity shipped before. */
    shipped: (shas: string[]) => Promise<Set<string>>;
    maxCommits: number;
  },
): Promise<HistoryWalk> {
  const { subject, base, shipped, maxCommits } = options;
  const commits: string[] = [];
  const seen = new Set<string>();
  let current = options.head;
  for (;;) {
    if (current === base) return { commits, complete: true };
    const pushes: PushRow[] = await db('paved_push_commits as pc')
      .join('paved_pushes as p', 'p.id', 'pc.push_id')
      .where({ 'p.subject': subject, 'pc.sha': current })
      .select(
        'p.id',
        'p.ref',
        'p.before_sha',
        'p.after_sha',
        'p.forced',
        'p.complete',
        'p.listed',
        'p.total',
        'p.commits',
        'pc.position',
      )
      .orderBy('p.received_at');
    if (!pushes.length) {
      if ((await shipped([current])).has(current)) {
        return { commits, complete: true };
      }
      return {
        commits,
        complete: false,
        reason: `commit ${short(current)} is in no push Paved recorded`,
      };
    }
    // The push that moved a ref to this commit, else the first that
    // listed it; a complete, unforced one when there is a choice.
    const push = pickPush(pushes, current);
    // The push's commits up to this one, newest first.
    const segment = push.commits
      .split(',')
      .slice(0, push.position + 1)
      .reverse();
    const before = await shipped(segment);
    for (const sha of segment) {
      if (sha === base || before.has(sha)) return { commits, complete: true };
      if (seen.has(sha)) {
        return {
          commits,
          complete: false,
          reason: `the push history loops at ${short(sha)}`,
        };
      }
      seen.add(sha);
      commits.push(sha);
      if (commits.length > maxCommits) {
        return {
          commits,
          complete: false,
          reason: `more than ${maxCommits} commits since the previous deployment`,
        };
      }
    }
    if (!push.complete) {
      return {
        commits,
        complete: false,
        reason: `a push to ${push.ref} listed ${push.listed}${
          push.total !== null ? ` of ${push.total}` : ''
        } commits`,
      };
    }
    if (isZeroSha(push.before_sha)) {
      return {
        commits,
        complete: false,
        reason: `a push created ${push.ref}; where it branched off is not in the payload`,
      };
    }
    if (push.forced) {
      const old = push.before_sha;
      if (old === base || (await shipped([old])).has(old)) {
        return { commits, complete: true };
      }
      return {
        commits,
        complete: false,
        reason: `a force-push rewrote ${push.ref}; its merge base with the previous deployment is not in the payload`,
      };
    }
    current = push.before_sha;
  }
}

/** The push to follow for `sha`, among the pushes that listed it. */
function pickPush(pushes: PushRow[], sha: string): PushRow {
  const score = (p: PushRow) =>
    (p.after_sha === sha ? 4 : 0) + (p.complete ? 2 : 0) + (p.forced ? 0 : 1);
  return pushes.reduce((best, p) => (score(p) > score(best) ? p : best));
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
