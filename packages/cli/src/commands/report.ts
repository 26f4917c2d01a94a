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
  parseReportMonth,
  renderReportHtml,
  renderReportMarkdown,
} from '@paved/plugin-paved-common';
import { Command, InvalidArgumentError, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { createClient, resolveConnection } from '../lib/connection';
import { withBackendMessage } from '../lib/errors';
import { printErr, printJson, printOut } from '../lib/output';

type ReportOptions = {
  month: string;
  format: 'md' | 'html' | 'json';
  out?: string;
  portalUrl?: string;
};

function month(value: string): string {
  const parsed = parseReportMonth(value, '--month');
  if ('error' in parsed) throw new InvalidArgumentError(parsed.error);
  return parsed.id;
}

/**
 * Adds `paved report`: the monthly platform report, computed by the
 * backend with the caller's permissions, as Markdown, printable HTML or
 * JSON, on stdout or in a file.
 */
export function registerReportCommand(program: Command) {
  program
    .command('report')
    .description(
      'the monthly platform report: executive summary, DORA per team, NPS, adoption, scores, SLOs, roadmap and top-voted requests, each figure linked to its portal view',
    )
    .requiredOption('--month <YYYY-MM>', 'the month, e.g. 2026-11', month)
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['md', 'html', 'json'])
        .default('md'),
    )
    .option('--out <file>', 'write the report to this file instead of stdout')
    .option(
      '--portal-url <url>',
      'portal address the links start with (env PAVED_PORTAL_URL; default: the backend URL)',
      process.env.PAVED_PORTAL_URL,
    )
    .action(async (opts: ReportOptions, command: Command) => {
      const connection = await resolveConnection(command);
      const report = await withBackendMessage(
        createClient(connection).getPlatformReport(opts.month),
      );
      const render = { portalUrl: opts.portalUrl ?? connection.baseUrl };
      if (opts.format === 'json' && !opts.out) {
        printJson(report);
        return;
      }
      const renderers = {
        json: () => `${JSON.stringify(report, null, 2)}\n`,
        html: () => renderReportHtml(report, render),
        md: () => renderReportMarkdown(report, render),
      };
      const text = renderers[opts.format]();
      if (opts.out) {
        await writeFile(opts.out, text, 'utf8');
        printErr(`paved: wrote the ${opts.month} report to ${opts.out}\n`);
        return;
      }
      printOut(text);
    });
}
