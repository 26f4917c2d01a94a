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
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Roadmap,
  ROADMAP_ITEM_KIND,
  RoadmapItem,
  RoadmapItemEntity,
  RoadmapMetricValue,
  RoadmapOutcome,
  RoadmapOutcomeSpec,
  validateRoadmapItemEntity,
} from '@paved/plugin-paved-common';
import { EntityAccess } from '../http/EntityAccess';
import {
  daysBefore,
  OutcomeWindow,
  RoadmapMetricSources,
  RoadmapOutcomes,
  sampleUnitOf,
} from './RoadmapOutcomes';

/** Longest before/after window a request may ask for. */
export const MAX_ROADMAP_WINDOW_DAYS = 366;

/**
 * The roadmap as code: RoadmapItem entities read from the catalog with the
 * caller's credentials, grouped by horizon, each with its outcome metric
 * computed from Paved's own data (see RoadmapOutcomes).
 */
export class RoadmapService {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      entities: EntityAccess;
      logger: LoggerService;
      sources: RoadmapMetricSources;
      /** Default length of the before and after windows. */
      windowDays: number;
      now?: () => Date;
    },
  ) {}

  /**
   * The items the catalog shows the caller (and `visible` lets through),
   * Now / Next / Later by title, Shipped newest first.
   */
  async list(
    credentials: BackstageCredentials,
    options: {
      windowDays?: number;
      visible?: (itemRef: string) => boolean;
    } = {},
  ): Promise<Roadmap> {
    const windowDays = this.#windowDays(options.windowDays);
    const { items } = await this.options.catalog.getEntities(
      { filter: { kind: ROADMAP_ITEM_KIND } },
      { credentials },
    );
    const visible = options.visible ?? (() => true);
    const loaded = items
      .filter(entity => visible(stringifyEntityRef(entity)))
      .map(entity => this.#load(entity));
    const valid = loaded.filter((e): e is RoadmapItemEntity => Boolean(e));
    const outcomes = this.#outcomes(credentials);
    // One at a time: concurrent DORA reads race in DoraEntityDirectory.addNew
    // (duplicate paved_dora_groups rows on PostgreSQL).
    const built: RoadmapItem[] = [];
    for (const entity of valid) {
      built.push(await this.#build(entity, outcomes, windowDays));
    }
    const byTitle = (a: RoadmapItem, b: RoadmapItem) =>
      a.title.localeCompare(b.title, 'en');
    const of = (horizon: RoadmapItem['horizon']) =>
      built.filter(i => i.horizon === horizon);
    return {
      windowDays,
      now: of('now').sort(byTitle),
      next: of('next').sort(byTitle),
      later: of('later').sort(byTitle),
      shipped: of('shipped').sort(
        (a, b) =>
          (b.shippedOn ?? '').localeCompare(a.shippedOn ?? '') || byTitle(a, b),
      ),
      invalid: loaded.length - valid.length,
    };
  }

  /** One item the catalog shows the caller. */
  async get(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
    options: { windowDays?: number } = {},
  ): Promise<RoadmapItem> {
    const windowDays = this.#windowDays(options.windowDays);
    const entity = await this.options.catalog.getEntityByRef(
      { kind: ROADMAP_ITEM_KIND, namespace, name },
      { credentials },
    );
    if (!entity) {
      throw new NotFoundError(
        `No roadmap item ${namespace}/${name} in the catalog`,
      );
    }
    const result = validateRoadmapItemEntity(entity);
    if (!result.ok) {
      throw new InputError(
        `Roadmap item ${namespace}/${name} is invalid: ${result.errors.join(
          '; ',
        )}`,
      );
    }
    return this.#build(result.entity, this.#outcomes(credentials), windowDays);
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  #windowDays(requested: number | undefined): number {
    const days = requested ?? this.options.windowDays;
    if (!Number.isInteger(days) || days < 1 || days > MAX_ROADMAP_WINDOW_DAYS) {
      throw new InputError(
        `windowDays must be a whole number from 1 to ${MAX_ROADMAP_WINDOW_DAYS}, got '${requested}'`,
      );
    }
    return days;
  }

  #outcomes(credentials: BackstageCredentials) {
    const { sources, catalog, permissions, entities } = this.options;
    return new RoadmapOutcomes({
      sources,
      catalog,
      permissions,
      entities,
      credentials,
      now: this.#now(),
    });
  }

  #load(entity: Entity): RoadmapItemEntity | undefined {
    const result = validateRoadmapItemEntity(entity);
    if (!result.ok) {
      // The catalog module refuses invalid items; this happens only when it
      // is not installed.
      this.options.logger.warn(
        `Ignoring invalid roadmap item ${stringifyEntityRef(
          entity,
        )}: ${result.errors.join('; ')}`,
      );
      return undefined;
    }
    return result.entity;
  }

  async #build(
    entity: RoadmapItemEntity,
    outcomes: RoadmapOutcomes,
    windowDays: number,
  ): Promise<RoadmapItem> {
    const { metadata, spec } = entity;
    const namespace = metadata.namespace ?? 'default';
    return {
      ref: stringifyEntityRef({
        kind: ROADMAP_ITEM_KIND,
        namespace,
        name: metadata.name,
      }),
      namespace,
      name: metadata.name,
      title: metadata.title,
      ...(metadata.description ? { description: metadata.description } : {}),
      owner: spec.owner,
      problem: spec.problem,
      horizon: spec.horizon,
      ...(spec.shippedOn ? { shippedOn: spec.shippedOn } : {}),
      requests: spec.requests,
      outcome: await this.#outcome(
        spec.outcome,
        spec.shippedOn,
        outcomes,
        windowDays,
      ),
    };
  }

  async #outcome(
    spec: RoadmapOutcomeSpec,
    shippedOn: string | undefined,
    outcomes: RoadmapOutcomes,
    windowDays: number,
  ): Promise<RoadmapOutcome> {
    const now = this.#now();
    const base = { ...describeOutcome(spec), windowDays };
    if (!shippedOn) {
      const current = await outcomes.measure(
        spec,
        { from: daysBefore(now, windowDays), to: now },
        'current',
      );
      return { ...base, current, targetMet: meetsTarget(spec, current) };
    }
    const ship = new Date(`${shippedOn}T00:00:00Z`);
    const beforeWindow = { from: daysBefore(ship, windowDays), to: ship };
    const afterEnd = daysBefore(ship, -windowDays);
    const afterWindow: OutcomeWindow =
      afterEnd > now
        ? { from: ship, to: now, partial: true }
        : { from: ship, to: afterEnd };
    const before = await outcomes.measure(spec, beforeWindow, 'before');
    const after: RoadmapMetricValue =
      ship >= now
        ? {
            from: ship.toISOString(),
            to: afterEnd.toISOString(),
            value: null,
            sampleCount: 0,
            sampleUnit: sampleUnitOf(spec),
            notAvailableReason: `the ship date ${shippedOn} is in the future`,
          }
        : await outcomes.measure(spec, afterWindow, 'after');
    return { ...base, before, after, targetMet: meetsTarget(spec, after) };
  }
}

/** Whether a value meets the target in the item's direction. */
export function meetsTarget(
  spec: Pick<RoadmapOutcomeSpec, 'target' | 'direction'>,
  value: RoadmapMetricValue,
): boolean | null {
  if (value.value === null) return null;
  return spec.direction === 'decrease'
    ? value.value <= spec.target
    : value.value >= spec.target;
}

/** Label, subject and unit of an outcome metric. */
export function describeOutcome(
  spec: RoadmapOutcomeSpec,
): Omit<RoadmapOutcome, 'windowDays'> {
  const common = {
    metric: spec.metric,
    target: spec.target,
    direction: spec.direction,
  };
  switch (spec.metric) {
    case 'leadTime':
      return {
        ...common,
        label: `Lead time for changes (median) of ${spec.group}`,
        subject: spec.group,
        unit: 'seconds',
      };
    case 'nps':
      return {
        ...common,
        label: `NPS of ${spec.survey}`,
        subject: spec.survey,
        unit: 'nps',
      };
    case 'adoptionStage':
      return {
        ...common,
        label: `Share of components at adoption stage ${spec.stage} or beyond`,
        subject: spec.stage,
        unit: 'ratio',
      };
    case 'automationScore':
      return {
        ...common,
        label: 'Average automation score of the components',
        unit: 'score',
      };
    case 'sloAttainment': {
      const subject = (spec.entity ?? spec.group)!;
      return {
        ...common,
        label: `Share of the SLOs of ${subject} that met their target`,
        subject,
        unit: 'ratio',
      };
    }
    default:
      throw new Error(`unknown metric ${(spec as any).metric}`);
  }
}
