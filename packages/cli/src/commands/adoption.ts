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
  AdoptionCheckResult,
  AdoptionReport,
  EntityScores,
} from '@paved/plugin-paved-common';
import { Command } from 'commander';
import { createClient, resolveConnection } from '../lib/connection';
import { withBackendMessage } from '../lib/errors';
import { printJson, printOut } from '../lib/output';

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Math.round(v * 100)} %`;

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 2 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} days`;
}

function table(header: string[], rows: string[][], indent = '  '): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => r[i].length)),
  );
  return [header, ...rows]
    .map(
      r =>
        indent +
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

/** The adoption report as text (exported for tests). */
export function formatAdoption(report: AdoptionReport): string {
  if (!report.current) {
    return 'Adoption has not been computed yet: the first run starts shortly after the backend does (or run `paved adoption --refresh`).';
  }
  const m = report.current;
  const lines: string[] = [];
  lines.push(
    `Adoption of ${m.components} components (computed ${report
      .computedAt!.slice(0, 16)
      .replace('T', ' ')} UTC${
      report.demo ? '; includes labelled demo data' : ''
    })`,
    '',
    table(
      ['FUNNEL', 'COMPONENTS', 'SHARE'],
      m.funnel.map(s => [s.title, String(s.count), pct(s.share)]),
    ),
    '',
    `With a Score file          ${pct(m.withScore.share)} (${
      m.withScore.count
    } of ${m.withScore.total})`,
    `From a golden path         ${pct(m.fromGoldenPath.share)} (${
      m.fromGoldenPath.count
    })`,
    `On the current version     ${pct(m.onCurrentVersion.share)} (${
      m.onCurrentVersion.count
    })`,
    `Deploying through Paved    ${pct(m.deployingThroughPaved.share)} (${
      m.deployingThroughPaved.count
    }, last 30 days)`,
    `Automation score           ${m.automationScore ?? '—'} / 100 (average)`,
    `Complexity score           ${m.complexityScore ?? '—'} / 100 (average)`,
  );
  const users = m.activeUsers;
  lines.push(
    users.enabled
      ? `Active users               ${users.weekly} weekly, ${
          users.monthly
        } monthly${
          users.demoMonthly
            ? ` (of them demo: ${users.demoWeekly} weekly, ${users.demoMonthly} monthly)`
            : ''
        }`
      : 'Active users               not recorded (paved.analytics.enabled is off)',
  );
  const runs = m.templateRuns;
  lines.push(
    runs.status === 'ok'
      ? `Template runs              ${runs.runs} in ${
          runs.windowDays
        } days, ${pct(runs.successRate)} successful`
      : `Template runs              unavailable: ${runs.detail}`,
    `To first production deploy ${duration(
      m.timeToFirstProductionDeployment.medianSeconds,
    )} (median of ${m.timeToFirstProductionDeployment.samples})`,
  );
  if (report.templates.length) {
    lines.push(
      '',
      table(
        ['TEMPLATE', 'VERSION', 'RUNS', 'SUCCESS', 'COMPONENTS'],
        report.templates.map(t => [
          t.templateRef,
          t.version ?? '-',
          String(t.runs),
          pct(t.successRate),
          String(t.components),
        ]),
      ),
    );
  }
  if (report.furthestOffPath.length) {
    lines.push('', 'Furthest off the golden path:');
    for (const c of report.furthestOffPath) {
      lines.push(
        `  ${c.entityRef}  ${c.deviations.length} deviations, automation ${c.automationScore}, complexity ${c.complexityScore}`,
        ...c.deviations.map(d => `    - ${d.message}`),
      );
    }
  }
  return lines.join('\n');
}

const MARK: Record<AdoptionCheckResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  'not-applicable': 'N/A ',
};

/** An entity's scores as text (exported for tests). */
export function formatScores(scores: EntityScores): string {
  const lines = [
    `${scores.entityRef}: automation ${scores.automation.score}/100, complexity ${scores.complexity.score}/100`,
    '',
    'Checks:',
  ];
  for (const c of scores.automation.checks) {
    lines.push(`  ${MARK[c.status]}  ${c.title} (${c.weight}): ${c.reason}`);
    if (c.fix) lines.push(`        fix: ${c.fix}`);
  }
  lines.push('', 'Complexity:');
  for (const f of scores.complexity.factors) {
    lines.push(
      `  ${f.title.padEnd(13)} ${String(f.value).padStart(3)}  ${f.points}/${
        f.weight
      } points (${f.detail})`,
    );
  }
  if (scores.deviations.length) {
    lines.push('', `Off the golden path (${scores.deviations.length}):`);
    lines.push(...scores.deviations.map(d => `  - ${d.message}`));
  }
  return lines.join('\n');
}

/**
 * `paved adoption` (the Platform page's adoption report) and
 * `paved scores --entity <ref>` (an entity's automation and complexity
 * scores with their checks).
 */
export function registerAdoptionCommands(program: Command) {
  program
    .command('adoption')
    .description(
      'adoption funnel, active users, template usage and the components furthest off the golden path',
    )
    .option('--refresh', 'recompute the facts and scores first')
    .option('--json', 'print the report as JSON')
    .action(
      async (opts: { refresh?: boolean; json?: boolean }, command: Command) => {
        const client = createClient(await resolveConnection(command));
        if (opts.refresh) {
          const result = await withBackendMessage(client.refreshAdoption());
          if (!opts.json) {
            printOut(
              `Recomputed ${result.entities} components in ${result.durationMs} ms\n`,
            );
          }
        }
        const report = await withBackendMessage(client.getAdoption());
        if (opts.json) {
          printJson(report);
        } else {
          printOut(`${formatAdoption(report)}\n`);
        }
      },
    );

  program
    .command('scores')
    .description(
      'automation and complexity scores of a component, with every check and how to fix it',
    )
    .requiredOption(
      '--entity <ref>',
      'the component, e.g. component:default/checkout',
    )
    .option('--json', 'print the scores, checks and facts as JSON')
    .action(
      async (opts: { entity: string; json?: boolean }, command: Command) => {
        const client = createClient(await resolveConnection(command));
        const scores = await withBackendMessage(
          client.getEntityScores(opts.entity),
        );
        if (opts.json) {
          printJson(scores);
        } else {
          printOut(`${formatScores(scores)}\n`);
        }
      },
    );
}
