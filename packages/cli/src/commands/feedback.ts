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
import {
  FEEDBACK_STATUSES,
  FeedbackRequest,
  FeedbackSort,
  FeedbackStatus,
} from '@paved/plugin-paved-common';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createClient, resolveConnection } from '../lib/connection';
import { withBackendMessage } from '../lib/errors';
import { printJson, printOut } from '../lib/output';

type ListOptions = {
  sort: FeedbackSort;
  search?: string;
  status?: FeedbackStatus;
  theme?: string;
  entity?: string;
  limit: number;
  offset: number;
  json?: boolean;
};

type SubmitOptions = {
  title: string;
  description: string;
  entity?: string;
  template?: string;
  area?: string;
  json?: boolean;
};

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError(`'${value}' is not a whole number`);
  }
  return n;
}

/** The board as a table: votes, status, id, title, what it is about. */
export function feedbackTable(
  items: FeedbackRequest[],
  totalCount: number,
): string {
  if (!items.length) {
    return 'No feedback requests yet. Submit one with `paved feedback submit --title ... --description ...`.';
  }
  const rows = items.map(r => [
    `${r.votes}${r.votedByMe ? '*' : ''}`,
    r.status,
    r.id,
    r.title,
    r.entityRef ??
      r.templateRef ??
      (r.origin ? `survey ${r.origin.survey} ${r.origin.period}` : '-'),
  ]);
  const header = ['VOTES', 'STATUS', 'ID', 'TITLE', 'ABOUT'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(row => row[i].length)),
  );
  const lines = [header, ...rows].map(row =>
    row
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
  const footer =
    totalCount > items.length
      ? `\n${items.length} of ${totalCount} shown; page with --offset.`
      : '';
  return `${lines.join('\n')}\n* your vote${footer}`;
}

/** `paved feedback list|submit|vote`: the feedback board from a terminal. */
export function registerFeedbackCommands(program: Command) {
  const feedback = program
    .command('feedback')
    .description('the feedback board: list, submit and vote for requests');

  feedback
    .command('list')
    .description('list feedback requests (merged duplicates left out)')
    .addOption(
      new Option('--sort <order>', 'order')
        .choices(['votes', 'recent', 'theme'])
        .default('votes'),
    )
    .option('--search <text>', 'text in titles and descriptions')
    .addOption(
      new Option('--status <status>', 'only this status').choices(
        FEEDBACK_STATUSES as string[],
      ),
    )
    .option('--theme <theme>', 'only requests tagged with this theme')
    .option('--entity <ref>', 'only requests about this entity')
    .option('--limit <n>', 'how many (1-100)', positiveInteger, 20)
    .option('--offset <n>', 'skip this many', positiveInteger, 0)
    .option('--json', 'print the page as JSON')
    .action(async (opts: ListOptions, command: Command) => {
      const connection = await resolveConnection(command);
      const page = await withBackendMessage(
        createClient(connection).listFeedbackRequests({
          sort: opts.sort,
          q: opts.search,
          status: opts.status,
          theme: opts.theme,
          entityRef: opts.entity,
          limit: opts.limit,
          offset: opts.offset,
        }),
      );
      if (opts.json) {
        printJson(page);
        return;
      }
      printOut(`${feedbackTable(page.items, page.totalCount)}\n`);
    });

  feedback
    .command('submit')
    .description('submit a pain point or request as the signed-in user')
    .requiredOption('--title <text>', 'short title (up to 200 characters)')
    .requiredOption('--description <text>', 'what hurts, and why')
    .option('--entity <ref>', 'the catalog entity it is about')
    .option('--template <ref>', 'the software template it is about')
    .option('--area <area>', 'area of the platform, e.g. ci or docs')
    .option('--json', 'print the new request as JSON')
    .action(async (opts: SubmitOptions, command: Command) => {
      const connection = await resolveConnection(command);
      const created = await withBackendMessage(
        createClient(connection).submitFeedback({
          title: opts.title,
          description: opts.description,
          entityRef: opts.entity,
          templateRef: opts.template,
          area: opts.area,
        }),
      );
      if (opts.json) {
        printJson(created);
        return;
      }
      printOut(`Submitted feedback ${created.id}: ${created.title}\n`);
    });

  feedback
    .command('vote <id>')
    .description('vote for a request (once), or withdraw your vote')
    .option('--withdraw', 'withdraw your vote instead')
    .option('--json', 'print the request as JSON')
    .action(
      async (
        id: string,
        opts: { withdraw?: boolean; json?: boolean },
        command: Command,
      ) => {
        const connection = await resolveConnection(command);
        const client = createClient(connection);
        const request = await withBackendMessage(
          opts.withdraw ? client.unvoteFeedback(id) : client.voteFeedback(id),
        );
        if (opts.json) {
          printJson(request);
          return;
        }
        printOut(
          `${opts.withdraw ? 'Withdrew your vote for' : 'Voted for'} ${
            request.title
          }: ${request.votes} vote${request.votes === 1 ? '' : 's'}\n`,
        );
      },
    );
}
