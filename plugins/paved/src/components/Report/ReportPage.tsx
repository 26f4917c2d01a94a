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
  Content,
  ContentHeader,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  parseReportMonth,
  PlatformReport,
  previousReportMonth,
  ReportDoraMetrics,
  ReportFigure,
  ReportListItem,
  ReportMetricChange,
  reportMonthTitle,
} from '@paved/plugin-paved-common';
import { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(3),
    breakInside: 'avoid',
  },
  table: {
    '& td, & th': { padding: theme.spacing(0.5, 1) },
  },
  notAvailable: { fontStyle: 'italic', color: theme.palette.text.secondary },
  // Printing keeps the report and drops the controls.
  '@global': {
    '@media print': {
      '.paved-report-controls, nav, header button': { display: 'none' },
      a: { color: 'inherit' },
    },
  },
}));

const DORA_ROWS: Array<[keyof ReportDoraMetrics, string]> = [
  ['deploymentFrequency', 'Deployment frequency'],
  ['leadTime', 'Lead time for changes'],
  ['changeFailureRate', 'Change failure rate'],
  ['recoveryTime', 'Failed deployment recovery time'],
];

/** A figure of the report, linked to the view it comes from. */
export const Figure = ({ figure }: { figure: ReportFigure }) => (
  <Link to={figure.link}>{figure.text}</Link>
);

const NotAvailable = ({ reason }: { reason?: string }) => {
  const classes = useStyles();
  return (
    <Typography className={classes.notAvailable}>
      Not available: {reason ?? 'no data'}
    </Typography>
  );
};

const Section = ({
  title,
  children,
}: {
  title: string;
  children: ReactNode;
}) => {
  const classes = useStyles();
  return (
    <Box className={classes.section} component="section" aria-label={title}>
      <Typography variant="h5" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </Box>
  );
};

const SimpleTable = ({
  header,
  rows,
}: {
  header: string[];
  rows: ReactNode[][];
}) => {
  const classes = useStyles();
  return (
    <Table size="small" className={classes.table}>
      <TableHead>
        <TableRow>
          {header.map(h => (
            <TableCell key={h}>{h}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, i) => (
          <TableRow key={i}>
            {row.map((cell, j) => (
              <TableCell key={j}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const changeCells = (c: ReportMetricChange) => [
  <Figure figure={c.current} />,
  <Figure figure={c.previous} />,
  <Figure figure={c.change} />,
];

const ListItems = ({
  items,
  empty,
}: {
  items: ReportListItem[];
  empty: string;
}) =>
  items.length ? (
    <ul>
      {items.map((item, i) => (
        <li key={i}>
          <Link to={item.link}>{item.title}</Link>
          {item.status
            ? ` (${item.status}${item.date ? `, ${item.date}` : ''})`
            : ''}
          {item.figure ? (
            <>
              {' — '}
              <Figure figure={item.figure} />
            </>
          ) : null}
          {item.detail ? ` — ${item.detail}` : ''}
        </li>
      ))}
    </ul>
  ) : (
    <Typography>{empty}</Typography>
  );

/** The sections of a report, in the order of the Markdown and HTML forms. */
export const ReportView = ({ report }: { report: PlatformReport }) => {
  const month = reportMonthTitle(report.month);
  const previous = reportMonthTitle(report.previousMonth);
  const { dora, nps, adoption, scores, slos, roadmap, topRequests } = report;
  return (
    <Box component="article" aria-label={`Platform report ${month}`}>
      <Typography variant="body2" color="textSecondary">
        {report.monthToDate ? 'Month to date' : 'Whole month'},{' '}
        {report.timeZone}; generated {report.generatedAt}. Figures cover what
        you may see.
      </Typography>
      <Section title="Summary">
        {report.summary.map((sentence, i) => (
          <Typography key={i} paragraph>
            {sentence.text}
          </Typography>
        ))}
      </Section>
      <Section title="DORA per team">
        {dora.available ? (
          <SimpleTable
            header={['Team', 'Metric', month, previous, 'Change']}
            rows={[
              ...(dora.deployments && dora.organisation
                ? [
                    [
                      <Link to={dora.link}>Organisation</Link>,
                      'Production deployments',
                      ...changeCells(dora.deployments),
                    ],
                    ...DORA_ROWS.map(([key, title]) => [
                      '',
                      title,
                      ...changeCells(dora.organisation![key]),
                    ]),
                  ]
                : []),
              ...dora.teams.flatMap(team => [
                [
                  <Link to={team.link}>{team.title}</Link>,
                  'Production deployments',
                  ...changeCells(team.deployments),
                ],
                ...DORA_ROWS.map(([key, title]) => [
                  '',
                  title,
                  ...changeCells(team.metrics[key]),
                ]),
              ]),
            ]}
          />
        ) : (
          <NotAvailable reason={dora.notAvailableReason} />
        )}
      </Section>
      <Section title="Developer satisfaction (NPS)">
        {!nps.available && <NotAvailable reason={nps.notAvailableReason} />}
        {nps.available && !nps.surveys.length && (
          <Typography>No survey period overlaps the month.</Typography>
        )}
        {nps.available && nps.surveys.length > 0 && (
          <SimpleTable
            header={['Survey', 'Period', 'NPS', 'Responses', 'Comments']}
            rows={nps.surveys.map(s => [
              <>
                <Link to={s.link}>{s.title}</Link>
                {s.demo ? ' (demo)' : ''}
              </>,
              s.period,
              ...(s.tooFewAnswers
                ? [`fewer than ${s.minimumAnswers} answers`, '—', '—']
                : [
                    <Figure figure={s.nps} />,
                    <Figure figure={s.responses} />,
                    <Figure figure={s.comments} />,
                  ]),
            ])}
          />
        )}
        {nps.themes.available ? (
          <Typography>
            Top themes:{' '}
            {nps.themes.items.map((t, i) => (
              <span key={t.theme}>
                {i ? ', ' : ''}
                {t.theme} (<Figure figure={t.count} />)
              </span>
            ))}
          </Typography>
        ) : (
          <NotAvailable
            reason={`top themes: ${nps.themes.notAvailableReason}`}
          />
        )}
      </Section>
      <Section title="Adoption">
        {adoption.available ? (
          <>
            <Typography paragraph>
              {adoption.basis === 'month-end-snapshot'
                ? `Organisation snapshot of ${adoption.asOf}.`
                : `Latest computation (${
                    adoption.asOf ?? 'none yet'
                  }) over the components you may see.`}{' '}
              {adoption.goldenPathShare && (
                <>
                  Golden-path share:{' '}
                  <Figure figure={adoption.goldenPathShare} />
                </>
              )}
              {adoption.onCurrentVersionShare && (
                <>
                  ; on the current template version:{' '}
                  <Figure figure={adoption.onCurrentVersionShare} />
                </>
              )}
              {adoption.drifted && (
                <>
                  ; drifted from their golden path now:{' '}
                  <Figure figure={adoption.drifted} />
                </>
              )}
            </Typography>
            <SimpleTable
              header={['Funnel stage', 'Components', 'Share']}
              rows={adoption.funnel.map(s => [
                s.title,
                <Figure figure={s.count} />,
                <Figure figure={s.share} />,
              ])}
            />
          </>
        ) : (
          <NotAvailable reason={adoption.notAvailableReason} />
        )}
      </Section>
      <Section title="Score distributions">
        {scores.available && scores.automation && scores.complexity ? (
          <>
            <Typography paragraph>
              Components scored:{' '}
              {scores.scored && <Figure figure={scores.scored} />}; average
              automation <Figure figure={scores.automation.average} />, average
              complexity <Figure figure={scores.complexity.average} />
            </Typography>
            <SimpleTable
              header={['Score', 'Automation', 'Complexity']}
              rows={scores.automation.buckets.map((b, i) => [
                `${b.from}–${b.to}`,
                <Figure figure={b.count} />,
                <Figure figure={scores.complexity!.buckets[i].count} />,
              ])}
            />
          </>
        ) : (
          <NotAvailable reason={scores.notAvailableReason} />
        )}
      </Section>
      <Section title="SLOs and error budgets">
        {slos.available && slos.statusCounts ? (
          <>
            <Typography paragraph>
              At {slos.at}: healthy{' '}
              <Figure figure={slos.statusCounts.healthy} />, at risk{' '}
              <Figure figure={slos.statusCounts['at-risk']} />, budget exhausted{' '}
              <Figure figure={slos.statusCounts.exhausted} />, no data{' '}
              <Figure figure={slos.statusCounts['no-data']} />
            </Typography>
            {slos.objectives.length > 0 && (
              <SimpleTable
                header={[
                  'Entity',
                  'Objective',
                  'Status',
                  'Target',
                  'Attainment',
                  'Budget left',
                ]}
                rows={slos.objectives.map(o => [
                  <Link to={o.link}>{o.entityRef}</Link>,
                  o.name,
                  o.status,
                  <Figure figure={o.target} />,
                  <Figure figure={o.attainment} />,
                  <Figure figure={o.errorBudgetRemaining} />,
                ])}
              />
            )}
          </>
        ) : (
          <NotAvailable reason={slos.notAvailableReason} />
        )}
      </Section>
      <Section title="Roadmap: shipped this month and next">
        {roadmap.available ? (
          <>
            <Typography variant="h6" component="h3">
              Shipped
            </Typography>
            <ListItems
              items={roadmap.shipped}
              empty="Nothing shipped this month."
            />
            <Typography variant="h6" component="h3">
              Next
            </Typography>
            <ListItems items={roadmap.next} empty="Nothing planned next." />
          </>
        ) : (
          <NotAvailable reason={roadmap.notAvailableReason} />
        )}
      </Section>
      <Section title="Top-voted requests">
        {topRequests.available ? (
          <ListItems items={topRequests.items} empty="No open requests." />
        ) : (
          <NotAvailable reason={topRequests.notAvailableReason} />
        )}
      </Section>
    </Box>
  );
};

/** The month before the current one, the default report. */
export function lastMonth(now: Date = new Date()): string {
  return previousReportMonth(now.toISOString().slice(0, 7));
}

/**
 * The printable monthly platform report at `/paved/report?month=YYYY-MM`:
 * a month picker, then the sections with every figure linked to the view
 * it comes from.
 *
 * @public
 */
export const ReportPage = () => {
  const api = useApi(pavedApiRef);
  const [params, setParams] = useSearchParams();
  const requested = params.get('month') ?? lastMonth();
  const parsed = parseReportMonth(requested);
  const month = 'error' in parsed ? undefined : parsed.id;
  const { loading, error, value } = useAsync(
    async () => (month ? api.getPlatformReport(month) : undefined),
    [api, month],
  );
  return (
    <Page themeId="tool">
      <Header
        title="Platform report"
        subtitle={
          month ? reportMonthTitle(month) : 'Monthly stakeholder report'
        }
      />
      <Content>
        <ContentHeader title="Monthly stakeholder report">
          <Box className="paved-report-controls" display="flex" gridGap={16}>
            <TextField
              label="Month"
              type="month"
              value={month ?? ''}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'aria-label': 'Month' }}
              onChange={e =>
                e.target.value && setParams({ month: e.target.value })
              }
            />
            <Button variant="outlined" onClick={() => window.print()}>
              Print
            </Button>
          </Box>
        </ContentHeader>
        {'error' in parsed && (
          <ResponseErrorPanel error={new Error(parsed.error)} />
        )}
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <ReportView report={value} />}
      </Content>
    </Page>
  );
};
