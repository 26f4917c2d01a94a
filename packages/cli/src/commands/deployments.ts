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
  Deployment,
  DEPLOYMENT_STATUSES,
  DeploymentStatus,
} from '@paved/plugin-paved-common';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createClient, resolveConnection } from '../lib/connection';
import { printJson, printOut } from '../lib/output';

type RecordOptions = {
  entity?: string;
  subject?: string;
  source?: string;
  id: string;
  env: string;
  status: DeploymentStatus;
  production?: boolean;
  release?: string;
  commit?: string;
  startedAt?: string;
  finishedAt?: string;
  url?: string;
  message?: string;
  change?: string[];
  pipelineRun?: string;
  rolledBack?: boolean;
  json?: boolean;
};

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

function isoTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(`'${value}' is not an ISO 8601 time`);
  }
  return date.toISOString();
}

/** `sha` or `sha@2026-11-19T16:00:00Z`. */
function parseChange(value: string): { sha: string; committedAt?: string } {
  const at = value.indexOf('@');
  if (at < 0) return { sha: value };
  return {
    sha: value.slice(0, at),
    committedAt: isoTime(value.slice(at + 1)),
  };
}

function table(deployments: Deployment[]): string {
  if (!deployments.length) {
    return 'No deployments recorded yet. Record one from CI with `paved deploy record`, or connect a webhook (docs/deployments.md).';
  }
  const rows = deployments.map(d => [
    d.startedAt.replace('T', ' ').slice(0, 16),
    d.environment + (d.production ? ' (prod)' : ''),
    d.status,
    d.version ?? (d.commitSha ? d.commitSha.slice(0, 8) : '-'),
    d.source,
    d.entityRef ?? d.subject ?? '-',
  ]);
  const header = [
    'STARTED (UTC)',
    'ENVIRONMENT',
    'STATUS',
    'VERSION',
    'SOURCE',
    'ENTITY',
  ];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  return [header, ...rows]
    .map(r =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * `paved deploy record` (for any CI system) and `paved deployments list`.
 */
export function registerDeploymentCommands(program: Command) {
  const deploy = program
    .command('deploy')
    .description('record deployments in the Paved ledger');

  deploy
    .command('record')
    .description(
      'record (or update) a deployment; sending the same --source and --id again updates the one record',
    )
    .option('--entity <ref>', 'catalog entity, e.g. component:default/checkout')
    .option(
      '--subject <annotation=value>',
      'link key instead of an entity, e.g. github.com/project-slug=acme/checkout',
    )
    .option(
      '--source <label>',
      'your CI system, e.g. jenkins: stored as api:<you>/<label> (default: api:<you>, the signed-in user or token)',
    )
    .requiredOption(
      '--id <external-id>',
      'id of the deployment in your CI (e.g. the run id)',
    )
    .requiredOption('--env <environment>', 'environment deployed to')
    .addOption(
      new Option('--status <status>', 'deployment status')
        .choices(DEPLOYMENT_STATUSES as string[])
        .makeOptionMandatory(),
    )
    .option(
      '--production',
      'the environment is production (default: name starts with "prod")',
    )
    .option('--no-production', 'the environment is not production')
    // Not --version: that is the root command's own flag.
    .option('--release <version>', 'version, tag or release deployed')
    .option('--commit <sha>', 'commit deployed')
    .option('--started-at <time>', 'ISO 8601 start (default: now)', isoTime)
    .option('--finished-at <time>', 'ISO 8601 finish', isoTime)
    .option('--url <url>', 'link to the pipeline run')
    .option('--message <text>', 'short note, e.g. an error summary')
    .option(
      '--change <sha[@committed-at]>',
      'a commit shipped by the deployment, optionally with its ISO 8601 commit time for lead time (repeatable)',
      collect,
    )
    .option(
      '--pipeline-run <id>',
      'CI run id; records of one run for one environment count as one deployment in DORA',
    )
    .option(
      '--rolled-back',
      'the deployment was rolled back (a change failure in DORA)',
    )
    .option('--json', 'print the recorded deployment as JSON')
    .action(async (opts: RecordOptions, command: Command) => {
      if (!opts.entity && !opts.subject) {
        throw new InvalidArgumentError(
          'pass --entity <ref> or --subject <annotation=value> to say what was deployed',
        );
      }
      const connection = await resolveConnection(command);
      const result = await createClient(connection).recordDeployment({
        entityRef: opts.entity,
        subject: opts.subject,
        source: opts.source,
        externalId: opts.id,
        environment: opts.env,
        status: opts.status,
        production: opts.production,
        version: opts.release,
        commitSha: opts.commit,
        startedAt: opts.startedAt,
        finishedAt: opts.finishedAt,
        url: opts.url,
        message: opts.message,
        changes: opts.change?.map(parseChange),
        pipelineRun: opts.pipelineRun,
        rolledBack: opts.rolledBack,
      });
      if (opts.json) {
        printJson(result);
        return;
      }
      const d = result.deployment;
      printOut(
        `${result.created ? 'Recorded' : 'Updated'} deployment ${d.id}: ${
          d.entityRef ?? d.subject
        } to ${d.environment} (${d.status})\n`,
      );
    });

  const deployments = program
    .command('deployments')
    .description('read the deployment ledger');

  deployments
    .command('list')
    .description('deployments of an entity, newest first')
    .requiredOption(
      '--entity <ref>',
      'catalog entity, e.g. component:default/checkout',
    )
    .option('--env <environment>', 'only this environment')
    .option(
      '--since <time>',
      'only deployments started at or after this ISO 8601 time',
      isoTime,
    )
    .option('--limit <n>', 'at most this many (1-500, default 50)', value => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 500) {
        throw new InvalidArgumentError('must be a whole number from 1 to 500');
      }
      return n;
    })
    .option('--json', 'print the deployments as JSON')
    .action(
      async (
        opts: {
          entity: string;
          env?: string;
          since?: string;
          limit?: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        const connection = await resolveConnection(command);
        const items = await createClient(connection).listDeployments({
          entityRef: opts.entity,
          environment: opts.env,
          since: opts.since,
          limit: opts.limit,
        });
        if (opts.json) {
          printJson(items);
        } else {
          printOut(`${table(items)}\n`);
        }
      },
    );
}
