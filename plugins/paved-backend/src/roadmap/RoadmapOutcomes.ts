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
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  adoptionReadPermission,
  doraReadPermission,
  RoadmapMetricValue,
  RoadmapOutcomeSpec,
  shiftSurveyPeriod,
  sloReadPermission,
  surveyPeriodId,
  surveyPeriodStart,
  surveyResultsReadPermission,
} from '@paved/plugin-paved-common';
import { AdoptionScoreStore } from '../adoption/AdoptionScoreStore';
import {
  AdoptionSnapshot,
  AdoptionSnapshotStore,
} from '../adoption/AdoptionSnapshotStore';
import { computeFunnel } from '../adoption/funnel';
import { DoraService } from '../dora/DoraService';
import {
  EntityAccess,
  VisibleEntities,
  visibleRefs,
} from '../http/EntityAccess';
import { SloService } from '../slos/SloService';
import { SurveyService } from '../surveys/SurveyService';

/** A half-open interval of instants; `partial` when it reaches past now. */
export type OutcomeWindow = { from: Date; to: Date; partial?: boolean };

/** The Paved services an outcome metric is read from. */
export interface RoadmapMetricSources {
  dora: DoraService;
  surveys: SurveyService;
  adoption: {
    snapshots: AdoptionSnapshotStore;
    scores: AdoptionScoreStore;
    /** Demo snapshots count (labelled) while demo data is on. */
    demoData: boolean;
  };
  slos: SloService;
}

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Computes a roadmap item's outcome metric over a window from Paved's own
 * queries, each under the caller's permission for that metric: whatever
 * the caller could not read through the metric's own route is not counted
 * here either. One instance serves one request (it remembers the caller's
 * decisions).
 */
export class RoadmapOutcomes {
  readonly #scopes = new Map<string, Promise<VisibleEntities | undefined>>();

  constructor(
    private readonly options: {
      sources: RoadmapMetricSources;
      catalog: CatalogService;
      permissions: PermissionsService;
      entities: EntityAccess;
      credentials: BackstageCredentials;
      now: Date;
    },
  ) {}

  /** The metric over `window`; for NPS, `side` picks the survey period. */
  async measure(
    outcome: RoadmapOutcomeSpec,
    window: OutcomeWindow,
    side: 'before' | 'after' | 'current',
  ): Promise<RoadmapMetricValue> {
    try {
      switch (outcome.metric) {
        case 'leadTime':
          return await this.#leadTime(outcome.group, window);
        case 'nps':
          return await this.#nps(outcome.survey, window, side);
        case 'adoptionStage':
        case 'automationScore':
          return await this.#adoption(outcome, window, side);
        case 'sloAttainment':
          return await this.#slos(outcome, window);
        default:
          throw new Error(`unknown metric ${(outcome as any).metric}`);
      }
    } catch (error) {
      if (error instanceof NotFoundError) {
        return notAvailable(window, sampleUnitOf(outcome), error.message);
      }
      throw error;
    }
  }

  /** The entities the caller may read for `permission`; undefined when denied. */
  #scope(permission: ResourcePermission<'catalog-entity'>) {
    let scope = this.#scopes.get(permission.name);
    if (!scope) {
      const { permissions, entities, credentials } = this.options;
      scope = permissions
        .authorizeConditional([{ permission }], { credentials })
        .then(([decision]) =>
          decision.result === AuthorizeResult.DENY
            ? undefined
            : entities.visible(decision, credentials),
        );
      this.#scopes.set(permission.name, scope);
    }
    return scope;
  }

  async #leadTime(
    group: string,
    window: OutcomeWindow,
  ): Promise<RoadmapMetricValue> {
    const scope = await this.#scope(doraReadPermission);
    if (!scope) {
      return notAvailable(
        window,
        'commits',
        'not allowed to read DORA metrics',
      );
    }
    const report = await this.options.sources.dora.report(
      {
        group,
        from: window.from.toISOString(),
        to: window.to.toISOString(),
      },
      { visibleEntityRefs: visibleRefs(scope) },
    );
    const { leadTime, deploymentFrequency } = report.metrics;
    return {
      ...span(window),
      value: leadTime.value,
      sampleCount: leadTime.sampleCount,
      sampleUnit: 'commits',
      deployments: deploymentFrequency.sampleCount,
      ...(leadTime.value === null
        ? {
            notAvailableReason: report.entityCount
              ? leadTime.notAvailableReason
              : `${group} owns no entities you may read`,
          }
        : {}),
    };
  }

  /**
   * Answers carry a survey period, never a time (anonymity), so NPS is
   * read per period: before is the last period that ended by the ship
   * date, after the first that began on or after it, current the newest
   * period with released figures.
   */
  async #nps(
    surveyRef: string,
    window: OutcomeWindow,
    side: 'before' | 'after' | 'current',
  ): Promise<RoadmapMetricValue> {
    const { permissions, credentials, sources } = this.options;
    const [decision] = await permissions.authorize(
      [{ permission: surveyResultsReadPermission, resourceRef: surveyRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      return notAvailable(
        window,
        'answers',
        `not allowed to read the results of ${surveyRef}`,
      );
    }
    const { namespace, name } = parseEntityRef(surveyRef);
    const results = await sources.surveys.results(namespace, name, credentials);
    const kind = results.survey.period;
    const periods = results.periods.map(p => ({
      ...p,
      start: surveyPeriodStart(kind, p.period),
      end: surveyPeriodStart(kind, shiftSurveyPeriod(kind, p.period, 1)),
    }));
    let chosen: (typeof periods)[number] | undefined;
    let missing: string;
    if (side === 'before') {
      chosen = periods.filter(p => p.end <= window.to).pop();
      missing = 'no survey period ended before the ship date';
    } else if (side === 'after') {
      chosen = periods.find(p => p.start >= window.from);
      let first = surveyPeriodId(kind, window.from);
      if (surveyPeriodStart(kind, first) < window.from) {
        first = shiftSurveyPeriod(kind, first, 1);
      }
      const starts = surveyPeriodStart(kind, first);
      missing =
        starts > this.options.now
          ? `the first survey period after the ship date (${first}) starts on ${dayOf(
              starts,
            )}`
          : `no answers from ${first} on`;
    } else {
      chosen = periods.filter(p => typeof p.nps === 'number').pop();
      missing = 'no survey period has released results yet';
    }
    if (!chosen) return notAvailable(window, 'answers', missing);
    const value: RoadmapMetricValue = {
      from: chosen.start.toISOString(),
      to: chosen.end.toISOString(),
      value: typeof chosen.nps === 'number' ? chosen.nps : null,
      sampleCount: chosen.responses ?? 0,
      sampleUnit: 'answers',
      period: chosen.period,
      ...(chosen.collecting ? { partial: true } : {}),
      ...(chosen.demo ? { demo: true } : {}),
    };
    if (value.value === null) {
      value.notAvailableReason = chosen.tooFewAnswers
        ? `fewer than ${chosen.minimumAnswers ?? 'the minimum'} answers in ${
            chosen.period
          } (results stay hidden below the survey's threshold)`
        : `no answers in ${chosen.period}`;
    }
    return value;
  }

  /**
   * Adoption is measured per day for the whole organisation: a window's
   * value is the last daily snapshot in it. A caller who may read only
   * some components gets the current value over those, and no history.
   */
  async #adoption(
    outcome: RoadmapOutcomeSpec & {
      metric: 'adoptionStage' | 'automationScore';
    },
    window: OutcomeWindow,
    side: 'before' | 'after' | 'current',
  ): Promise<RoadmapMetricValue> {
    const { snapshots, scores, demoData } = this.options.sources.adoption;
    const unit = 'components';
    const scope = await this.#scope(adoptionReadPermission);
    if (!scope) {
      return notAvailable(window, unit, 'not allowed to read adoption');
    }
    if (!scope.all) {
      if (side !== 'current') {
        return notAvailable(
          window,
          unit,
          'adoption history is kept for the whole organisation; you may read only some of its components',
        );
      }
      const scored = await scores.factsOf(scope.entities.map(e => e.ref));
      const funnel = computeFunnel(scored.map(s => s.facts));
      const automation = scored
        .map(s => s.automation)
        .filter((a): a is number => a !== null);
      const averageAutomation = automation.length
        ? automation.reduce((a, b) => a + b, 0) / automation.length
        : null;
      const value =
        outcome.metric === 'automationScore'
          ? averageAutomation
          : funnel.funnel.find(s => s.id === outcome.stage)?.share ?? null;
      return {
        ...span(window),
        value,
        sampleCount:
          outcome.metric === 'automationScore'
            ? automation.length
            : funnel.components,
        sampleUnit: unit,
        ...(value === null
          ? { notAvailableReason: 'no scored components you may read' }
          : {}),
      };
    }
    const history = await snapshots.history(dayOf(window.from), demoData);
    const snapshot = history
      .filter(
        s =>
          s.day >= dayOf(window.from) &&
          Date.parse(`${s.day}T00:00:00Z`) < window.to.getTime(),
      )
      .pop();
    if (!snapshot) {
      return notAvailable(
        window,
        unit,
        `no adoption snapshot between ${dayOf(window.from)} and ${dayOf(
          new Date(window.to.getTime() - 1),
        )}`,
      );
    }
    return snapshotValue(outcome, snapshot, window);
  }

  /**
   * SLO attainment: the share of objectives, each over its own window
   * ending at the end of this one, whose SLI met its target.
   */
  async #slos(
    outcome: RoadmapOutcomeSpec & { metric: 'sloAttainment' },
    window: OutcomeWindow,
  ): Promise<RoadmapMetricValue> {
    const unit = 'objectives';
    const scope = await this.#scope(sloReadPermission);
    if (!scope) return notAvailable(window, unit, 'not allowed to read SLOs');
    const { catalog, credentials, sources } = this.options;
    let subjects: Entity[];
    if (outcome.entity) {
      const entity = await catalog.getEntityByRef(outcome.entity, {
        credentials,
      });
      subjects = entity ? [entity] : [];
    } else {
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'Component', 'relations.ownedBy': outcome.group! },
        },
        { credentials },
      );
      subjects = items;
    }
    if (!scope.all) {
      const allowed = new Set(scope.entities.map(e => e.ref));
      subjects = subjects.filter(e => allowed.has(stringifyEntityRef(e)));
    }
    const at = window.to;
    let met = 0;
    let counted = 0;
    let declared = 0;
    for (const entity of subjects) {
      const report = await sources.slos.evaluate(entity, at);
      declared += report.objectives.length;
      for (const objective of report.objectives) {
        if (objective.sli === null || objective.total === 0) continue;
        counted += 1;
        if (objective.sli >= objective.target) met += 1;
      }
    }
    if (!counted) {
      const subject = outcome.entity ?? outcome.group;
      let reason = `no SLO objective of ${subject} has data`;
      if (!subjects.length) {
        reason = `${subject} has no component you may read`;
      } else if (!declared) {
        reason = `no SLOs declared (paved.dev/slos) on ${
          outcome.entity ?? `the components of ${outcome.group}`
        }`;
      }
      return notAvailable(window, unit, reason);
    }
    return {
      ...span(window),
      value: met / counted,
      sampleCount: counted,
      sampleUnit: unit,
    };
  }
}

function snapshotValue(
  outcome: RoadmapOutcomeSpec & { metric: 'adoptionStage' | 'automationScore' },
  snapshot: AdoptionSnapshot,
  window: OutcomeWindow,
): RoadmapMetricValue {
  const { metrics } = snapshot;
  const base = {
    ...span(window),
    sampleCount: metrics.components,
    sampleUnit: 'components' as const,
    asOf: snapshot.day,
    ...(snapshot.demo ? { demo: true } : {}),
  };
  if (outcome.metric === 'automationScore') {
    return {
      ...base,
      value: metrics.automationScore,
      ...(metrics.automationScore === null
        ? { notAvailableReason: `no components on ${snapshot.day}` }
        : {}),
    };
  }
  const stage = metrics.funnel.find(s => s.id === outcome.stage);
  if (!stage) {
    return {
      ...base,
      value: null,
      notAvailableReason: `the snapshot of ${snapshot.day} has no funnel stages`,
    };
  }
  return {
    ...base,
    value: stage.share,
    ...(stage.share === null
      ? { notAvailableReason: `no components on ${snapshot.day}` }
      : {}),
  };
}

function span(window: OutcomeWindow) {
  return {
    from: window.from.toISOString(),
    to: window.to.toISOString(),
    ...(window.partial ? { partial: true } : {}),
  };
}

function notAvailable(
  window: OutcomeWindow,
  sampleUnit: RoadmapMetricValue['sampleUnit'],
  reason: string,
): RoadmapMetricValue {
  return {
    ...span(window),
    value: null,
    sampleCount: 0,
    sampleUnit,
    notAvailableReason: reason,
  };
}

/** What an outcome metric counts as its samples. */
export function sampleUnitOf(
  outcome: RoadmapOutcomeSpec,
): RoadmapMetricValue['sampleUnit'] {
  switch (outcome.metric) {
    case 'leadTime':
      return 'commits';
    case 'nps':
      return 'answers';
    case 'sloAttainment':
      return 'objectives';
    default:
      return 'components';
  }
}

/** `days` whole days before `to`. */
export function daysBefore(to: Date, days: number): Date {
  return new Date(to.getTime() - days * DAY_MS);
}
