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
  DORA_ALL_METRIC_KEYS,
  DORA_METRIC_TITLES,
  DORA_REWORK_NO_BANDS,
  DoraMetrics,
  DoraOrganisationReport,
  DoraReport,
  DoraWindow,
  formatDoraValue,
} from '@paved/plugin-paved-common';
import { Command, InvalidArgumentError } from 'commander';
import { createClient, resolveConnection } from '../lib/connection';
import { withBackendMessage } from '../lib/errors';
import { printJson, printOut } from '../lib/output';

type DoraOptions = {
  entity?: string;
  group?: string;
  system?: string;
  org?: boolean;
  from?: string;
  to?: string;
  days?: number;
  json?: boolean;
};

const plural = (n: number, word: string, words = `${word}s`) =>
  `${n} ${n === 1 ? word : words}`;

function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows
    .map(r =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** "2026-09-07 to 2026-09-13 (7 days, UTC)", dates in the report's zone. */
function describeWindow(window: DoraWindow): string {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: window.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const last = new Date(Date.parse(window.to) - 1);
  return `${day.format(new Date(window.from))} to ${day.format(last)} (${
    window.days
  } days, ${window.timeZone})`;
}

function samples(metrics: DoraMetrics, key: keyof DoraMetrics): string {
  const m = metrics[key];
  switch (key) {
    case 'deploymentFrequency': {
      const failed = metrics.deploymentFrequency.failedDeployments;
      return `${plural(m.sampleCount, 'deployment')}${
        failed ? ` (${failed} failed, not counted)` : ''
      }`;
    }
    case 'leadTime':
      return plural(m.sampleCount, 'commit');
    case 'changeFailureRate':
      return `${plural(m.sampleCount, 'deployment')}, ${plural(
        metrics.changeFailureRate.failedChanges,
        'failed change',
      )}`;
    case 'reworkRate': {
      const r = metrics.reworkRate;
      const why = [
        r.incidentFixes ? `${r.incidentFixes} during an incident` : '',
        r.hotfixes ? plural(r.hotfixes, 'hotfix', 'hotfixes') : '',
        r.rollbacks ? plural(r.rollbacks, 'rollback') : '',
      ].filter(Boolean);
      return `${plural(m.sampleCount, 'deployment')}, ${
        r.reworkDeployments
      } unplanned${why.length ? ` (${why.join(', ')})` : ''}`;
    }
    default:
      return plural(m.sampleCount, 'resolved incident');
  }
}

/**
 * How many deployments have a complete commit range, for a report's
 * footer; undefined without deployments (or from an older backend).
 */
export function coverageLine(
  coverage: DoraReport['commitCoverage'] | undefined,
): string | undefined {
  if (!coverage?.deployments || coverage.ratio === null) return undefined;
  const line = `Commit ranges complete for ${coverage.complete} of ${plural(
    coverage.deployments,
    'deployment',
  )} (${Math.round(coverage.ratio * 100)} %)`;
  return coverage.complete < coverage.deployments
    ? `${line}; lead time counts the other deployments' commits only as far as they are known.`
    : `${line}.`;
}

function reportText(report: DoraReport): string {
  const what =
    report.scope.type === 'organisation'
      ? 'the organisation'
      : `${report.scope.ref}${
          report.scope.type === 'entity'
            ? ''
            : ` (${plural(report.entityCount, 'entity', 'entities')})`
        }`;
  const rows = [['METRIC', 'VALUE', 'BAND', 'FROM']];
  for (const key of DORA_ALL_METRIC_KEYS) {
    const m = report.metrics[key];
    if (!m) continue; // an older backend, without rework rate
    rows.push([
      DORA_METRIC_TITLES[key],
      formatDoraValue(m.value, m.unit),
      m.band ?? '-',
      m.value === null
        ? m.notAvailableReason ?? ''
        : samples(report.metrics, key),
    ]);
  }
  const lines = [
    `DORA metrics of ${what}, ${describeWindow(report.window)}`,
    '',
    columns(rows),
    '',
    `${DORA_REWORK_NO_BANDS}.`,
  ];
  const coverage = coverageLine(report.commitCoverage);
  if (coverage) lines.push(coverage);
  if (report.pendingEntities) {
    lines.push(
      '',
      `${plural(
        report.pendingEntities,
        'entity',
        'entities',
      )} still being rolled up; numbers may change.`,
    );
  }
  if (
    report.metrics.deploymentFrequency.sampleCount === 0 &&
    !report.entityCount
  ) {
    lines.push(
      '',
      'No production deployments recorded. Record them from CI with `paved deploy record`, or connect a webhook (docs/deployments.md).',
    );
  }
  return lines.join('\n');
}

const ROW_TYPES: Record<
  DoraOrganisationReport['rows'][number]['type'],
  string
> = { group: 'team', system: 'system', entity: 'component' };

function organisationText(report: DoraOrganisationReport): string {
  const rows = [
    ['TYPE', 'NAME', 'DEPLOYS', 'LEAD TIME', 'FAILURES', 'RECOVERY', 'REWORK'],
  ];
  for (const row of report.rows) {
    rows.push([
      ROW_TYPES[row.type],
      row.ref ?? (row.type === 'group' ? '(no owner)' : '(no system)'),
      ...DORA_ALL_METRIC_KEYS.map(key => {
        const m = row.metrics[key];
        if (!m || m.value === null) return 'n/a';
        const value = formatDoraValue(m.value, m.unit);
        return m.band ? `${value} ${m.band}` : value;
      }),
    ]);
  }
  return [
    reportText(report.organisation),
    '',
    report.rows.length
      ? columns(rows)
      : 'No teams, systems or components with data in this window.',
  ].join('\n');
}

function days(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1100) {
    throw new InvalidArgumentError('must be a whole number from 1 to 1100');
  }
  return n;
}

/**
 * `paved dora`: the four keys and deployment rework rate of an entity, a
 * team, a system or everyone.
 */
export function registerDoraCommand(program: Command) {
  program
    .command('dora')
    .description(
      'DORA metrics (deployment frequency, lead time, change failure rate, recovery time, deployment rework rate) of an entity, team (with its child groups and systems) or system, or --org for everyone',
    )
    .option('--entity <ref>', 'catalog entity, e.g. component:default/checkout')
    .option('--group <ref>', 'owner group, e.g. group:default/team-a')
    .option('--system <ref>', 'system, e.g. system:default/shop')
    .option('--org', 'the organisation, with every team, system and component')
    .option(
      '--from <date>',
      'first day (YYYY-MM-DD in the portal time zone) or an ISO 8601 time',
    )
    .option(
      '--to <date>',
      'last day (inclusive) or an ISO 8601 time (exclusive)',
    )
    .option('--days <n>', 'window length ending today (default 28)', days)
    .option('--json', 'print the report as JSON')
    .action(async (opts: DoraOptions, command: Command) => {
      const scopes = (['entity', 'group', 'system', 'org'] as const).filter(
        key => opts[key],
      );
      if (scopes.length !== 1) {
        throw new InvalidArgumentError(
          'pass exactly one of --entity <ref>, --group <ref>, --system <ref> or --org',
        );
      }
      const client = createClient(await resolveConnection(command));
      const window = { from: opts.from, to: opts.to, days: opts.days };
      if (opts.org) {
        const report = await withBackendMessage(
          client.getDoraOrganisation(window),
        );
        if (opts.json) {
          printJson(report);
        } else {
          printOut(`${organisationText(report)}\n`);
        }
        return;
      }
      const report = await withBackendMessage(
        client.getDoraReport({
          entity: opts.entity,
          group: opts.group,
          system: opts.system,
          ...window,
        }),
      );
      if (opts.json) {
        printJson(report);
      } else {
        printOut(`${reportText(report)}\n`);
      }
    });
}
