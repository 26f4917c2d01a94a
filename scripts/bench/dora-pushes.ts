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
 * The push-ingestion part of `yarn bench:dora` (see dora.ts): push
 * webhooks with commit ranges, from the webhook inbox into the ledger's
 * commit history, through the same WebhookProcessor the backend runs.
 *
 * Generates `count` push deliveries over 200 repositories (GitHub and, one
 * in four, GitLab), each a fast-forward of its branch by 1 to 5 commits
 * (3 on average) whose payload names the commits' full messages, one in
 * fifty a cherry-pick (trailer) and one in a hundred a force-push. The
 * deliveries are stored in the inbox first (the intake's part, measured
 * by `yarn bench:webhooks`), then the processor is timed until the inbox
 * is empty. Checks that every push and commit arrived once.
 */

import { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import { WebhookDeliveryStore } from '../../plugins/paved-backend/src/deployments/WebhookDeliveryStore';
import { WebhookProcessor } from '../../plugins/paved-backend/src/deployments/webhooks/WebhookProcessor';

const REPOSITORIES = 200;

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

/** One push delivery as GitHub or GitLab sends it (the fields Paved reads). */
function pushDelivery(i: number, heads: Map<number, string>) {
  const repo = i % REPOSITORIES;
  const gitlab = repo % 4 === 3;
  const before = heads.get(repo) ?? '0'.repeat(40);
  const forced = i % 100 === 99;
  const size = 1 + (i % 5);
  const base = Date.UTC(2026, 10, 1) + i * 1000;
  const commits = Array.from({ length: size }, (_, k) => {
    const id = sha(`bench-push-${i}-${k}`);
    const message =
      k === size - 1 && i % 50 === 7
        ? `Fix ${i}\n\n(cherry picked from commit ${sha(
            `bench-push-${i - 7}-0`,
          )})`
        : `Change ${i}.${k}\n\nBody of the change.`;
    const timestamp = new Date(base + k * 60_000).toISOString();
    return gitlab
      ? {
          id,
          message,
          title: message.split('\n')[0],
          timestamp,
          url: `https://gitlab.com/bench/repo-${repo}/-/commit/${id}`,
          author: { name: 'Bench Author', email: 'bench@example.com' },
          added: [],
          modified: ['src/index.ts'],
          removed: [],
        }
      : {
          id,
          tree_id: sha(`tree-${id}`),
          distinct: true,
          message,
          timestamp,
          url: `https://github.com/bench/repo-${repo}/commit/${id}`,
          author: {
            name: 'Bench Author',
            email: 'bench@example.com',
            username: 'bench',
          },
          committer: {
            name: 'Bench Author',
            email: 'bench@example.com',
            username: 'bench',
          },
          added: [],
          removed: [],
          modified: ['src/index.ts'],
        };
  });
  const after = commits[commits.length - 1].id;
  heads.set(repo, after);
  const payload = gitlab
    ? {
        object_kind: 'push',
        event_name: 'push',
        before,
        after,
        ref: 'refs/heads/main',
        checkout_sha: after,
        project_id: 1000 + repo,
        project: {
          id: 1000 + repo,
          web_url: `https://gitlab.com/bench/repo-${repo}`,
          path_with_namespace: `bench/repo-${repo}`,
        },
        commits,
        total_commits_count: commits.length,
      }
    : {
        ref: 'refs/heads/main',
        before,
        after,
        created: before === '0'.repeat(40),
        deleted: false,
        forced,
        commits,
        head_commit: commits[commits.length - 1],
        repository: {
          full_name: `bench/repo-${repo}`,
          html_url: `https://github.com/bench/repo-${repo}`,
        },
      };
  return {
    source: gitlab ? 'gitlab' : 'github',
    deliveryId: randomUUID(),
    event: gitlab ? 'Push Hook' : 'push',
    payload: JSON.stringify(payload),
    commits: commits.length,
  };
}

/** Pushes into the ledger per second, measured on `db`. */
export async function measurePushIngestion(
  db: Knex,
  options: { count: number },
): Promise<{
  pushes: number;
  commits: number;
  seconds: number;
  perSecond: number;
  correct: boolean;
  problems: string[];
}> {
  const heads = new Map<number, string>();
  const deliveries = Array.from({ length: options.count }, (_, i) =>
    pushDelivery(i, heads),
  );
  const inbox = new WebhookDeliveryStore(db);
  for (let i = 0; i < deliveries.length; i += 500) {
    await inbox.acceptMany(
      deliveries
        .slice(i, i + 500)
        .map(({ source, deliveryId, event, payload }) => ({
          source,
          deliveryId,
          event,
          payload,
        })),
    );
  }
  const warnings: string[] = [];
  const processor = new WebhookProcessor({
    db,
    logger: {
      warn: (message: string) => warnings.push(message),
      info: () => {},
      debug: () => {},
      error: (message: string) => warnings.push(message),
      child: () => undefined as any,
    } as any,
    webhookOptions: { incidentLabels: [] },
  });
  const start = process.hrtime.bigint();
  const processed = await processor.drain();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  const commits = deliveries.reduce((n, d) => n + d.commits, 0);
  const count = async (table: string) =>
    Number((await db(table).count({ n: '*' }))[0].n);
  const problems: string[] = [];
  if (processed !== options.count) {
    problems.push(`processed ${processed} of ${options.count} deliveries`);
  }
  const pushes = await count('paved_pushes');
  if (pushes !== options.count) {
    problems.push(`${pushes} pushes stored for ${options.count} deliveries`);
  }
  const pushCommits = await count('paved_push_commits');
  if (pushCommits !== commits) {
    problems.push(`${pushCommits} push commits stored for ${commits}`);
  }
  const picks = Number(
    (
      await db('paved_push_commits')
        .whereNotNull('cherry_pick_of')
        .count({ n: '*' })
    )[0].n,
  );
  const expectedPicks = deliveries.filter((_, i) => i % 50 === 7).length;
  if (picks !== expectedPicks) {
    problems.push(`${picks} cherry-picks recorded, ${expectedPicks} sent`);
  }
  if (warnings.length) {
    problems.push(`${warnings.length} warnings: ${warnings[0]}`);
  }
  return {
    pushes: options.count,
    commits,
    seconds,
    perSecond: options.count / seconds,
    correct: !problems.length,
    problems,
  };
}
