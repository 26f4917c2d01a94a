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
import { reportMonthTitle } from './month';
import {
  PlatformReport,
  ReportDoraMetrics,
  ReportFigure,
  ReportListItem,
  ReportMetricChange,
} from './types';

/**
 * Options of the report renderers.
 *
 * @public
 */
export type ReportRenderOptions = {
  /** Prefix of the portal paths the figures link to (app.baseUrl). */
  portalUrl?: string;
};

type Doc = {
  title(text: string): string;
  heading(text: string): string;
  paragraph(parts: string): string;
  table(header: string[], rows: string[][]): string;
  list(items: string[]): string;
  link(text: string, path: string): string;
  text(text: string): string;
  notAvailable(reason: string | undefined): string;
};

const DORA_ROWS: Array<[keyof ReportDoraMetrics, string]> = [
  ['deploymentFrequency', 'Deployment frequency'],
  ['leadTime', 'Lead time for changes'],
  ['changeFailureRate', 'Change failure rate'],
  ['recoveryTime', 'Failed deployment recovery time'],
];

function sections(report: PlatformReport, doc: Doc): string[] {
  const fig = (f: ReportFigure) => doc.link(f.text, f.link);
  const change = (c: ReportMetricChange) => [
    fig(c.current),
    fig(c.previous),
    fig(c.change),
  ];
  const item = (i: ReportListItem) =>
    [
      doc.link(i.title, i.link),
      i.status ? doc.text(` (${i.status}${i.date ? `, ${i.date}` : ''})`) : '',
      i.figure ? doc.text(' — ') + fig(i.figure) : '',
      i.detail ? doc.text(` — ${i.detail}`) : '',
    ].join('');
  const month = reportMonthTitle(report.month);
  const previous = reportMonthTitle(report.previousMonth);
  const out: string[] = [];

  out.push(
    doc.title(`Platform report — ${month}`),
    doc.paragraph(
      doc.text(
        `${report.monthToDate ? 'Month to date' : 'Whole month'}, ${
          report.timeZone
        }; generated ${
          report.generatedAt
        }. Figures cover what the reader may see. `,
      ) + doc.link('Open in the portal', report.link),
    ),
    doc.heading('Summary'),
    ...report.summary.map(s => doc.paragraph(doc.text(s.text))),
  );

  const { dora } = report;
  out.push(doc.heading('DORA per team'));
  if (!dora.available) {
    out.push(doc.notAvailable(dora.notAvailableReason));
  } else {
    const header = ['Team', 'Metric', month, previous, 'Change'];
    const rows: string[][] = [];
    if (dora.deployments && dora.organisation) {
      rows.push([
        doc.link('Organisation', dora.link),
        doc.text('Production deployments'),
        ...change(dora.deployments),
      ]);
      for (const [key, title] of DORA_ROWS) {
        rows.push(['', doc.text(title), ...change(dora.organisation[key])]);
      }
    }
    for (const team of dora.teams) {
      rows.push([
        doc.link(team.title, team.link),
        doc.text('Production deployments'),
        ...change(team.deployments),
      ]);
      for (const [key, title] of DORA_ROWS) {
        rows.push(['', doc.text(title), ...change(team.metrics[key])]);
      }
    }
    out.push(doc.table(header, rows));
  }

  const { nps } = report;
  out.push(doc.heading('Developer satisfaction (NPS)'));
  if (!nps.available) {
    out.push(doc.notAvailable(nps.notAvailableReason));
  } else if (!nps.surveys.length) {
    out.push(doc.paragraph(doc.text('No survey period overlaps the month.')));
  } else {
    out.push(
      doc.table(
        ['Survey', 'Period', 'NPS', 'Responses', 'Comments'],
        nps.surveys.map(s => [
          doc.link(s.title, s.link) + (s.demo ? doc.text(' (demo)') : ''),
          doc.text(s.period),
          ...(s.tooFewAnswers
            ? [
                doc.text(`fewer than ${s.minimumAnswers} answers`),
                doc.text('—'),
                doc.text('—'),
              ]
            : [fig(s.nps), fig(s.responses), fig(s.comments)]),
        ]),
      ),
    );
  }
  out.push(
    nps.themes.available
      ? doc.paragraph(
          doc.text('Top themes: ') +
            nps.themes.items
              .map(t => `${doc.text(t.theme)} (${fig(t.count)})`)
              .join(', '),
        )
      : doc.notAvailable(`Top themes: ${nps.themes.notAvailableReason}`),
  );

  const { adoption } = report;
  out.push(doc.heading('Adoption'));
  if (!adoption.available) {
    out.push(doc.notAvailable(adoption.notAvailableReason));
  } else {
    out.push(
      doc.paragraph(
        doc.text(
          adoption.basis === 'month-end-snapshot'
            ? `Organisation snapshot of ${adoption.asOf}. `
            : `Latest computation (${
                adoption.asOf ?? 'none yet'
              }) over the components you may see. `,
        ) +
          (adoption.goldenPathShare
            ? doc.text('Golden-path share: ') + fig(adoption.goldenPathShare)
            : '') +
          (adoption.onCurrentVersionShare
            ? doc.text('; on the current template version: ') +
              fig(adoption.onCurrentVersionShare)
            : '') +
          (adoption.drifted
            ? doc.text('; drifted from their golden path now: ') +
              fig(adoption.drifted)
            : ''),
      ),
      doc.table(
        ['Funnel stage', 'Components', 'Share'],
        adoption.funnel.map(s => [
          doc.text(s.title),
          fig(s.count),
          fig(s.share),
        ]),
      ),
    );
  }

  const { scores } = report;
  out.push(doc.heading('Score distributions'));
  if (!scores.available || !scores.automation || !scores.complexity) {
    out.push(doc.notAvailable(scores.notAvailableReason));
  } else {
    const { automation, complexity } = scores;
    out.push(
      doc.paragraph(
        doc.text('Components scored: ') +
          (scores.scored ? fig(scores.scored) : '') +
          doc.text('; average automation ') +
          fig(automation.average) +
          doc.text(', average complexity ') +
          fig(complexity.average),
      ),
      doc.table(
        ['Score', 'Automation', 'Complexity'],
        automation.buckets.map((b, i) => [
          doc.text(`${b.from}–${b.to}`),
          fig(b.count),
          fig(complexity.buckets[i].count),
        ]),
      ),
    );
  }

  const { slos } = report;
  out.push(doc.heading('SLOs and error budgets'));
  if (!slos.available || !slos.statusCounts) {
    out.push(doc.notAvailable(slos.notAvailableReason));
  } else {
    const c = slos.statusCounts;
    out.push(
      doc.paragraph(
        doc.text(`At ${slos.at}: healthy `) +
          fig(c.healthy) +
          doc.text(', at risk ') +
          fig(c['at-risk']) +
          doc.text(', budget exhausted ') +
          fig(c.exhausted) +
          doc.text(', no data ') +
          fig(c['no-data']),
      ),
    );
    if (slos.objectives.length) {
      out.push(
        doc.table(
          [
            'Entity',
            'Objective',
            'Status',
            'Target',
            'Attainment',
            'Budget left',
          ],
          slos.objectives.map(o => [
            doc.link(o.entityRef, o.link),
            doc.text(o.name),
            doc.text(o.status),
            fig(o.target),
            fig(o.attainment),
            fig(o.errorBudgetRemaining),
          ]),
        ),
      );
    }
  }

  const { roadmap } = report;
  out.push(doc.heading('Roadmap: shipped this month and next'));
  if (!roadmap.available) {
    out.push(doc.notAvailable(roadmap.notAvailableReason));
  } else {
    out.push(
      doc.paragraph(doc.text('Shipped:')),
      roadmap.shipped.length
        ? doc.list(roadmap.shipped.map(item))
        : doc.paragraph(doc.text('Nothing shipped this month.')),
      doc.paragraph(doc.text('Next:')),
      roadmap.next.length
        ? doc.list(roadmap.next.map(item))
        : doc.paragraph(doc.text('Nothing planned next.')),
    );
  }

  const { topRequests } = report;
  out.push(doc.heading('Top-voted requests'));
  if (!topRequests.available) {
    out.push(doc.notAvailable(topRequests.notAvailableReason));
  } else {
    out.push(
      topRequests.items.length
        ? doc.list(topRequests.items.map(item))
        : doc.paragraph(doc.text('No open requests.')),
    );
  }
  return out;
}

function absolute(path: string, options: ReportRenderOptions): string {
  if (!options.portalUrl || /^[a-z]+:\/\//i.test(path)) return path;
  return `${options.portalUrl.replace(/\/+$/, '')}${path}`;
}

const escapeMd = (text: string) => text.replace(/([\\`*_[\]|<>])/g, '\\$1');

/**
 * The report as Markdown: every figure a link to the portal view it comes
 * from.
 *
 * @public
 */
export function renderReportMarkdown(
  report: PlatformReport,
  options: ReportRenderOptions = {},
): string {
  const doc: Doc = {
    title: t => `# ${escapeMd(t)}`,
    heading: t => `## ${escapeMd(t)}`,
    paragraph: p => p,
    table: (header, rows) =>
      [
        `| ${header.map(escapeMd).join(' | ')} |`,
        `| ${header.map(() => '---').join(' | ')} |`,
        ...rows.map(r => `| ${r.join(' | ')} |`),
      ].join('\n'),
    list: items => items.map(i => `- ${i}`).join('\n'),
    link: (t, path) => `[${escapeMd(t)}](${absolute(path, options)})`,
    text: escapeMd,
    notAvailable: reason => `_Not available: ${escapeMd(reason ?? 'no data')}_`,
  };
  return `${sections(report, doc).join('\n\n')}\n`;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const STYLE = `
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .3rem; }
h2 { font-size: 1.2rem; margin-top: 1.8rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .92rem; break-inside: auto; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
tr { break-inside: avoid; }
a { color: #0b57d0; text-decoration: none; }
a:hover { text-decoration: underline; }
.na { color: #666; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  a { color: inherit; }
  a[href]::after { content: ''; }
  h2 { page-break-after: avoid; }
  table, tr { page-break-inside: avoid; }
}
`;

/**
 * The report as a self-contained, printable HTML page (its CSS inline,
 * with print rules): every figure a link to the portal view it comes from.
 *
 * @public
 */
export function renderReportHtml(
  report: PlatformReport,
  options: ReportRenderOptions = {},
): string {
  const doc: Doc = {
    title: t => `<h1>${escapeHtml(t)}</h1>`,
    heading: t => `<h2>${escapeHtml(t)}</h2>`,
    paragraph: p => `<p>${p}</p>`,
    table: (header, rows) =>
      `<table><thead><tr>${header
        .map(h => `<th>${escapeHtml(h)}</th>`)
        .join('')}</tr></thead><tbody>${rows
        .map(r => `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`,
    list: items => `<ul>${items.map(i => `<li>${i}</li>`).join('')}</ul>`,
    link: (t, path) =>
      `<a href="${escapeHtml(absolute(path, options))}">${escapeHtml(t)}</a>`,
    text: escapeHtml,
    notAvailable: reason =>
      `<p class="na">Not available: ${escapeHtml(reason ?? 'no data')}</p>`,
  };
  const title = `Platform report — ${reportMonthTitle(report.month)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${sections(report, doc).join('\n')}
</body>
</html>
`;
}
