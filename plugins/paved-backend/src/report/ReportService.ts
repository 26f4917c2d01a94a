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
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  adoptionReadPermission,
  AdoptionMetrics,
  doraReadPermission,
  DoraRowMetric,
  entityScoresReadPermission,
  goldenPathDriftReadPermission,
  parseReportMonth,
  PlatformReport,
  previousReportMonth,
  roadmapReadPermission,
  ReportAdoptionSection,
  ReportDoraSection,
  ReportFigure,
  ReportListSection,
  ReportMonth,
  reportMonthTitle,
  ReportNpsSection,
  reportPagePath,
  ReportRoadmapSection,
  ReportScoreDistribution,
  ReportScoresSection,
  ReportSentence,
  ReportSloSection,
  ReportSurvey,
  shiftSurveyPeriod,
  SLO_ANNOTATION,
  sloReadPermission,
  surveyPeriodStart,
  surveyResultsReadPermission,
  SurveySummary,
} from '@paved/plugin-paved-common';
import { DateTime } from 'luxon';
import { AdoptionEngine } from '../adoption/AdoptionEngine';
import { AdoptionService } from '../adoption/AdoptionService';
import { DoraService } from '../dora/DoraService';
import { GoldenPathDriftService } from '../goldenPaths/GoldenPathDriftService';
import {
  EntityAccess,
  VisibleEntities,
  visibleRefs,
} from '../http/EntityAccess';
import { SloService } from '../slos/SloService';
import { SurveyService } from '../surveys/SurveyService';
import {
  count,
  countChange,
  doraChange,
  entityPath,
  figure,
  score,
  share,
} from './figures';
import { EXTRA_LINKS, ReportExtras } from './extras';
import { entityPlatformPath } from '../http/portalPaths';

/** Where the figures of each section are shown in the portal. */
export const REPORT_LINKS = {
  platform: '/paved',
  ...EXTRA_LINKS,
};

const SCORE_BUCKETS = [0, 20, 40, 60, 80] as const;

/** The month a report covers, in the DORA time zone. */
type ReportWindow = {
  month: ReportMonth;
  previousMonth: string;
  /** First and last day (YYYY-MM-DD) of the month and the month before. */
  days: { from: string; to: string };
  previousDays: { from: string; to: string };
  from: Date;
  /** The month's end, or now for the current month (exclusive). */
  to: Date;
  monthToDate: boolean;
};

/**
 * The monthly platform report. Every section reuses the service behind the
 * card it summarises, asks that card's permission with the caller's
 * credentials and counts only what the decision and the catalog let the
 * caller see: whatever the catalog hides from a caller is never
 * aggregated for them.
 */
export class ReportService {
  readonly #opts: {
    dora: DoraService;
    surveys: SurveyService;
    engine: AdoptionEngine;
    adoption: AdoptionService;
    slos: SloService;
    drift: GoldenPathDriftService;
    catalog: CatalogService;
    permissions: PermissionsService;
    access: EntityAccess;
    timeZone: string;
    extras: ReportExtras;
    now: () => Date;
  };

  constructor(options: {
    dora: DoraService;
    surveys: SurveyService;
    engine: AdoptionEngine;
    slos: SloService;
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
    /** paved.dora.timeZone: months start and end there. */
    timeZone: string;
    /** Roadmap and feedback, when those features are installed. */
    extras?: ReportExtras;
    now?: () => Date;
  }) {
    const { catalog, auth, permissions } = options;
    this.#opts = {
      ...options,
      adoption: new AdoptionService({ engine: options.engine, catalog }),
      drift: new GoldenPathDriftService({ catalog }),
      access: new EntityAccess({ catalog, auth, permissions }),
      extras: options.extras ?? {},
      now: options.now ?? (() => new Date()),
    };
  }

  /**
   * The report of `month` (YYYY-MM) as `credentials` may see it. A month
   * that does not parse or has not started is a 400 naming `month`.
   */
  async build(
    month: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<PlatformReport> {
    const window = this.#window(month);
    const [dora, nps, adoption, scores, slos, roadmap, topRequests] =
      await Promise.all([
        this.#dora(window, credentials),
        this.#nps(window, credentials),
        this.#adoption(window, credentials),
        this.#scores(credentials),
        this.#slos(window, credentials),
        this.#roadmap(window, credentials),
        this.#topRequests(credentials),
      ]);
    const report: Omit<PlatformReport, 'summary'> = {
      month: window.month.id,
      previousMonth: window.previousMonth,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      timeZone: this.#opts.timeZone,
      monthToDate: window.monthToDate,
      generatedAt: this.#opts.now().toISOString(),
      link: reportPagePath(window.month.id),
      dora,
      nps,
      adoption,
      scores,
      slos,
      roadmap,
      topRequests,
    };
    return { ...report, summary: executiveSummary(report) };
  }

  #window(value: string | undefined): ReportWindow {
    const month = parseReportMonth(value);
    if ('error' in month) throw new InputError(month.error);
    const zone = this.#opts.timeZone;
    const now = DateTime.fromJSDate(this.#opts.now(), { zone });
    const start = DateTime.fromObject(
      { year: month.year, month: month.month, day: 1 },
      { zone },
    );
    if (start > now) {
      throw new InputError(
        `month ${month.id} has not started yet; give this month or an earlier one`,
      );
    }
    const end = start.plus({ months: 1 });
    const monthToDate = end > now;
    const last = monthToDate ? now : end.minus({ days: 1 });
    const previousStart = start.minus({ months: 1 });
    return {
      month,
      previousMonth: previousReportMonth(month.id),
      days: { from: start.toISODate()!, to: last.toISODate()! },
      previousDays: {
        from: previousStart.toISODate()!,
        to: start.minus({ days: 1 }).toISODate()!,
      },
      from: start.toJSDate(),
      to: monthToDate ? now.toJSDate() : end.toJSDate(),
      monthToDate,
    };
  }

  /** The entities a card's permission lets the caller see; undefined: denied. */
  async #visible(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
    kind?: string,
  ): Promise<VisibleEntities | undefined> {
    const [decision] = await this.#opts.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) return undefined;
    return this.#opts.access.visible(
      decision,
      credentials,
      kind ? { kind } : undefined,
    );
  }

  /**
   * Display names of groups (profile display name, title or name) as the
   * caller's catalog read returns them; a group it hides keeps its ref.
   */
  async #groupTitles(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    if (!refs.length) return titles;
    const { items } = await this.#opts.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['metadata.name', 'metadata.title', 'spec.profile.displayName'],
      },
      { credentials },
    );
    items.forEach((item, i) => {
      if (!item) return;
      const profile = (item.spec?.profile ?? {}) as { displayName?: string };
      titles.set(
        refs[i],
        profile.displayName ?? item.metadata.title ?? item.metadata.name,
      );
    });
    return titles;
  }

  async #dora(
    window: ReportWindow,
    credentials: BackstageCredentials,
  ): Promise<ReportDoraSection> {
    const link = REPORT_LINKS.platform;
    const visible = await this.#visible(doraReadPermission, credentials);
    if (!visible) {
      return {
        available: false,
        notAvailableReason: 'You are not allowed to read DORA metrics',
        link,
        teams: [],
      };
    }
    const refs = visibleRefs(visible);
    // One after the other: each brings the roll-ups up to date first.
    const current = await this.#opts.dora.organisation(window.days, {
      visibleEntityRefs: refs,
    });
    const previous = await this.#opts.dora.organisation(window.previousDays, {
      visibleEntityRefs: refs,
    });
    type Metrics = Record<
      'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'recoveryTime',
      Pick<DoraRowMetric, 'value' | 'unit'>
    >;
    const metrics = (now?: Metrics, before?: Metrics) => ({
      deploymentFrequency: doraChange(
        now?.deploymentFrequency,
        before?.deploymentFrequency,
        link,
      ),
      leadTime: doraChange(now?.leadTime, before?.leadTime, link),
      changeFailureRate: doraChange(
        now?.changeFailureRate,
        before?.changeFailureRate,
        link,
      ),
      recoveryTime: doraChange(now?.recoveryTime, before?.recoveryTime, link),
    });
    const groups = (rows: typeof current.rows) =>
      new Map(
        rows
          .filter(r => r.type === 'group')
          .map(r => [r.ref ?? '', r] as const),
      );
    const now = groups(current.rows);
    const before = groups(previous.rows);
    const keys = [...new Set([...now.keys(), ...before.keys()])];
    const titles = await this.#groupTitles(keys.filter(Boolean), credentials);
    const teams = keys
      .map(key => {
        const row = now.get(key);
        const old = before.get(key);
        return {
          ref: key || null,
          title:
            row?.title ??
            old?.title ??
            (key ? titles.get(key) ?? key : 'Without an owner'),
          link: key ? entityPath(key) : link,
          entities: count(row?.entityCount ?? 0, link),
          deployments: countChange(
            row?.metrics.deploymentFrequency.sampleCount,
            old?.metrics.deploymentFrequency.sampleCount,
            link,
          ),
          metrics: metrics(row?.metrics, old?.metrics),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
    return {
      available: true,
      link,
      deployments: countChange(
        current.organisation.metrics.deploymentFrequency.sampleCount,
        previous.organisation.metrics.deploymentFrequency.sampleCount,
        link,
      ),
      organisation: metrics(
        current.organisation.metrics,
        previous.organisation.metrics,
      ),
      teams,
    };
  }

  async #nps(
    window: ReportWindow,
    credentials: BackstageCredentials,
  ): Promise<ReportNpsSection> {
    const link = REPORT_LINKS.platform;
    const themes = await this.#themes(window, credentials);
    const visible = await this.#visible(
      surveyResultsReadPermission,
      credentials,
      'survey',
    );
    if (!visible) {
      return {
        available: false,
        notAvailableReason: 'You are not allowed to read survey results',
        link,
        surveys: [],
        themes,
      };
    }
    const refs = visible.all
      ? undefined
      : new Set(visible.entities.map(e => e.ref));
    const { surveys } = this.#opts;
    const summaries = await surveys.list(credentials, ref =>
      refs ? refs.has(ref) : true,
    );
    // Survey periods are UTC periods: those overlapping the month count.
    const monthStart = Date.UTC(window.month.year, window.month.month - 1, 1);
    const monthEnd = Date.UTC(window.month.year, window.month.month, 1);
    const rows: ReportSurvey[] = [];
    for (const summary of summaries) {
      const results = await surveys.results(
        summary.namespace,
        summary.name,
        credentials,
      );
      const surveyLink = surveyResultsPath(summary);
      for (const period of results.periods) {
        const start = surveyPeriodStart(summary.period, period.period);
        const end = surveyPeriodStart(
          summary.period,
          shiftSurveyPeriod(summary.period, period.period, 1),
        );
        if (start.getTime() >= monthEnd || end.getTime() <= monthStart) {
          continue;
        }
        rows.push({
          ref: summary.ref,
          title: summary.title ?? summary.name,
          subject: summary.subject,
          period: period.period,
          link: surveyLink,
          ...(period.demo ? { demo: true } : {}),
          tooFewAnswers: period.tooFewAnswers,
          minimumAnswers: period.minimumAnswers ?? summary.minimumAnswers,
          // Below the threshold nothing is shown, not even the count.
          nps: figure(
            period.tooFewAnswers ? null : period.nps,
            String(period.nps),
            surveyLink,
          ),
          responses: figure(
            period.tooFewAnswers ? null : period.responses,
            String(period.responses),
            surveyLink,
          ),
          comments: figure(
            period.tooFewAnswers ? null : period.comments?.length ?? 0,
            String(period.comments?.length ?? 0),
            surveyLink,
          ),
        });
      }
    }
    return { available: true, link, surveys: rows, themes };
  }

  /** Themes come from feedback requests made from survey comments. */
  async #themes(
    window: ReportWindow,
    credentials: BackstageCredentials,
  ): Promise<ReportNpsSection['themes']> {
    const { feedback } = this.#opts.extras;
    if (!feedback) {
      return {
        available: false,
        notAvailableReason:
          'survey comments are free text and the feedback board, where the platform team tags themes, is not installed',
        items: [],
      };
    }
    return feedback.surveyThemes(window.month.id, credentials);
  }

  async #adoption(
    window: ReportWindow,
    credentials: BackstageCredentials,
  ): Promise<ReportAdoptionSection> {
    const link = REPORT_LINKS.platform;
    const visible = await this.#visible(
      adoptionReadPermission,
      credentials,
      'component',
    );
    if (!visible) {
      return {
        available: false,
        notAvailableReason: 'You are not allowed to read the adoption report',
        link,
        funnel: [],
      };
    }
    const { engine, adoption, drift } = this.#opts;
    let metrics: AdoptionMetrics | null = null;
    let asOf: string | null = null;
    let basis: ReportAdoptionSection['basis'] = 'latest-computation';
    if (visible.all) {
      // The organisation's snapshot of the month's last computed day.
      const snapshots = await engine.snapshots.history(
        window.days.from,
        engine.config.demoData,
      );
      const last = snapshots.filter(s => s.day <= window.days.to).pop();
      if (last) {
        metrics = last.metrics;
        asOf = last.day;
        basis = 'month-end-snapshot';
      }
    }
    if (!metrics) {
      // Snapshots cover the whole organisation: a caller who may see only
      // some components gets the latest computation over just those.
      const report = await adoption.getReport(
        credentials,
        this.#opts.now(),
        visibleRefs(visible),
      );
      metrics = report.current;
      asOf = report.computedAt;
    }
    if (!metrics) {
      return {
        available: false,
        notAvailableReason:
          'The adoption computation has not run yet for this month',
        link,
        funnel: [],
      };
    }
    const driftVisible = await this.#visible(
      goldenPathDriftReadPermission,
      credentials,
      'component',
    );
    let drifted: ReportFigure | undefined;
    if (driftVisible) {
      const refs = driftVisible.all
        ? undefined
        : new Set(driftVisible.entities.map(e => e.ref));
      const report = await drift.getReport(credentials, ref =>
        refs ? refs.has(ref) : true,
      );
      drifted = count(report.drifted.length, link);
    }
    return {
      available: true,
      link,
      basis,
      asOf,
      components: count(metrics.components, link),
      funnel: metrics.funnel.map(stage => ({
        id: stage.id,
        title: stage.title,
        count: count(stage.count, link),
        share: share(
          metrics!.components ? stage.count / metrics!.components : null,
          link,
        ),
      })),
      goldenPathShare: share(metrics.fromGoldenPath.share, link),
      onCurrentVersionShare: share(metrics.onCurrentVersion.share, link),
      ...(drifted ? { drifted } : {}),
    };
  }

  async #scores(
    credentials: BackstageCredentials,
  ): Promise<ReportScoresSection> {
    const link = REPORT_LINKS.platform;
    const visible = await this.#visible(
      entityScoresReadPermission,
      credentials,
      'component',
    );
    if (!visible) {
      return {
        available: false,
        notAvailableReason: 'You are not allowed to read scores',
        link,
      };
    }
    const refs = visible.all
      ? await this.#componentRefs(credentials)
      : visible.entities.map(e => e.ref);
    const scored = await this.#opts.engine.scores.factsOf(refs);
    if (!scored.length) {
      return {
        available: false,
        notAvailableReason: 'No component you may see has been scored yet',
        link,
      };
    }
    return {
      available: true,
      link,
      scored: count(scored.length, link),
      automation: distribution(
        scored.map(s => s.automation),
        link,
      ),
      complexity: distribution(
        scored.map(s => s.complexity),
        link,
      ),
    };
  }

  async #componentRefs(credentials: BackstageCredentials): Promise<string[]> {
    const { items } = await this.#opts.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return items.map(e => stringifyEntityRef(e));
  }

  async #slos(
    window: ReportWindow,
    credentials: BackstageCredentials,
  ): Promise<ReportSloSection> {
    const link = REPORT_LINKS.platform;
    const visible = await this.#visible(
      sloReadPermission,
      credentials,
      'component',
    );
    if (!visible) {
      return {
        available: false,
        notAvailableReason: 'You are not allowed to read SLOs',
        link,
        objectives: [],
      };
    }
    const refs = visible.all
      ? undefined
      : new Set(visible.entities.map(e => e.ref));
    const { items } = await this.#opts.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${SLO_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
        },
      },
      { credentials },
    );
    const entities = items
      .filter(e => !refs || refs.has(stringifyEntityRef(e)))
      .sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      );
    const reports = await Promise.all(
      entities.map(e => this.#opts.slos.evaluate(e, window.to)),
    );
    const counts = { healthy: 0, 'at-risk': 0, exhausted: 0, 'no-data': 0 };
    const objectives: ReportSloSection['objectives'] = [];
    for (const report of reports) {
      const entityLink = entityPlatformPath(report.entityRef);
      for (const o of report.objectives) {
        counts[o.status]++;
        objectives.push({
          entityRef: report.entityRef,
          name: o.name,
          status: o.status,
          link: entityLink,
          target: share(o.target, entityLink),
          attainment: share(o.sli, entityLink),
          errorBudgetRemaining: share(
            o.errorBudget?.remaining ?? null,
            entityLink,
          ),
        });
      }
    }
    return {
      available: true,
      link,
      at: window.to.toISOString(),
      statusCounts: {
        healthy: count(counts.healthy, link),
        'at-risk': count(counts['at-risk'], link),
        exhausted: count(counts.exhausted, link),
        'no-data': count(counts['no-data'], link),
      },
      objectives,
    };
  }

  async #roadmap(
    window: ReportWindow,
    credentials: BackstageCredentials,
  ): Promise<ReportRoadmapSection> {
    const { roadmap } = this.#opts.extras;
    if (!roadmap) {
      return {
        available: false,
        notAvailableReason: 'the roadmap is not installed in this backend',
        link: REPORT_LINKS.roadmap,
        shipped: [],
        next: [],
      };
    }
    const visible = await this.#visible(
      roadmapReadPermission,
      credentials,
      'RoadmapItem',
    );
    if (!visible) {
      return {
        available: false,
        notAvailableReason: 'You are not allowed to read the roadmap',
        link: REPORT_LINKS.roadmap,
        shipped: [],
        next: [],
      };
    }
    const refs = visible.all
      ? undefined
      : new Set(visible.entities.map(e => e.ref));
    return roadmap.section(
      window.days,
      credentials,
      refs && (ref => refs.has(ref)),
    );
  }

  async #topRequests(
    credentials: BackstageCredentials,
  ): Promise<ReportListSection> {
    const { feedback } = this.#opts.extras;
    if (!feedback) {
      return {
        available: false,
        notAvailableReason:
          'the feedback board is not installed in this backend',
        link: REPORT_LINKS.feedback,
        items: [],
      };
    }
    return feedback.topVoted(credentials);
  }
}

/** Where a survey's results are shown: the NPS card of its subject. */
function surveyResultsPath(survey: SurveySummary): string {
  return survey.subject.toLocaleLowerCase('en-US') === 'platform'
    ? REPORT_LINKS.platform
    : entityPlatformPath(survey.subject);
}

/** Average and five buckets of 20 points (the last includes 100). */
function distribution(
  values: Array<number | null>,
  link: string,
): ReportScoreDistribution {
  const known = values.filter((v): v is number => v !== null);
  const average = known.length
    ? known.reduce((a, b) => a + b, 0) / known.length
    : null;
  return {
    average: score(
      average === null ? null : Math.round(average * 10) / 10,
      link,
    ),
    buckets: SCORE_BUCKETS.map(from => {
      const to = from + 20;
      return {
        from,
        to,
        count: count(
          known.filter(v => v >= from && (v < to || (to === 100 && v <= 100)))
            .length,
          link,
        ),
      };
    }),
  };
}

const plural = (n: number, one: string, many = `${one}s`) =>
  n === 1 ? one : many;

/**
 * Exactly three sentences, each made only of the report's figures: DORA,
 * NPS, then adoption and SLOs. Missing data gets a sentence saying so.
 */
export function executiveSummary(
  report: Omit<PlatformReport, 'summary'>,
): ReportSentence[] {
  const month = reportMonthTitle(report.month);
  const previous = reportMonthTitle(report.previousMonth);
  const sentences: ReportSentence[] = [];

  const { dora } = report;
  if (dora.available && dora.deployments && dora.organisation) {
    const { current, change } = dora.deployments;
    const lead = dora.organisation.leadTime.current;
    sentences.push({
      text: `In ${month}${report.monthToDate ? ' (to date)' : ''} there ${
        current.value === 1 ? 'was' : 'were'
      } ${current.text} production ${plural(
        current.value ?? 0,
        'deployment',
      )} (${change.text} on ${previous})${
        lead.value !== null
          ? `, with a median lead time for changes of ${lead.text}`
          : ', with no lead time for changes to report'
      }.`,
      figures:
        lead.value !== null ? [current, change, lead] : [current, change],
    });
  } else {
    sentences.push({
      text: `DORA metrics for ${month} are not available: ${
        dora.notAvailableReason ?? 'no data'
      }.`,
      figures: [],
    });
  }

  const released = report.nps.surveys.filter(s => !s.tooFewAnswers && !s.demo);
  if (released.length) {
    const lead =
      released.find(s => s.subject.toLocaleLowerCase('en-US') === 'platform') ??
      [...released].sort(
        (a, b) => (b.responses.value ?? 0) - (a.responses.value ?? 0),
      )[0];
    const others = released.length - 1;
    sentences.push({
      text: `${lead.title} (${lead.period}) had an NPS of ${
        lead.nps.text
      } from ${lead.responses.text} ${plural(
        lead.responses.value ?? 0,
        'response',
      )}${
        others
          ? `, and ${others} more survey ${plural(
              others,
              'period',
            )} released results`
          : ''
      }.`,
      figures: [lead.nps, lead.responses],
    });
  } else {
    sentences.push({
      text: report.nps.available
        ? `No survey released NPS figures for ${month}${
            report.nps.surveys.length
              ? ' (fewer answers than the survey threshold, or demo answers only)'
              : ''
          }.`
        : `NPS for ${month} is not available: ${report.nps.notAvailableReason}.`,
      figures: [],
    });
  }

  const { adoption, slos } = report;
  const parts: string[] = [];
  const figures: ReportFigure[] = [];
  if (adoption.available && adoption.goldenPathShare && adoption.components) {
    parts.push(
      `${adoption.goldenPathShare.text} of ${adoption.components.text} ${plural(
        adoption.components.value ?? 0,
        'component',
      )} came from a golden path`,
    );
    figures.push(adoption.goldenPathShare, adoption.components);
  } else {
    parts.push('adoption figures are not available');
  }
  if (slos.available && slos.statusCounts && slos.objectives.length) {
    const healthy = slos.statusCounts.healthy;
    const total = count(slos.objectives.length, slos.link);
    parts.push(
      `${healthy.text} of ${total.text} SLO ${plural(
        total.value ?? 0,
        'objective',
      )} ${healthy.value === 1 ? 'was' : 'were'} healthy at ${
        report.monthToDate ? 'the time of the report' : 'the end of the month'
      }`,
    );
    figures.push(healthy, total);
  } else {
    parts.push(
      slos.available
        ? 'no SLO objective is declared on the components you may see'
        : 'SLO figures are not available',
    );
  }
  const text = `${parts[0]}, and ${parts[1]}.`;
  sentences.push({
    text: text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1),
    figures,
  });
  return sentences;
}
