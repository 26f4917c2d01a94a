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
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AdoptionMetrics,
  AdoptionRefreshResult,
  computeComplexity,
  EntityFacts,
  EntityScores,
  evaluateAutomationChecks,
  GOLDEN_PATH_ANNOTATIONS,
  goldenPathDeviations,
  TemplateRunStats,
} from '@paved/plugin-paved-common';
import { Knex } from 'knex';
import { AdoptionFactStore } from './AdoptionFactStore';
import { AdoptionScoreStore } from './AdoptionScoreStore';
import { AdoptionSnapshotStore } from './AdoptionSnapshotStore';
import {
  AnalyticsActivityStore,
  daysBefore,
  utcDay,
} from '../analytics/AnalyticsActivityStore';
import { toDate } from '../deployments/time';
import { AdoptionConfig } from './config';
import { computeFunnel } from './funnel';
import { catalogFactRetriever } from './retrievers/catalogFacts';
import { createLedgerFactRetriever } from './retrievers/ledgerFacts';
import { createRepositoryFactRetriever } from './retrievers/repositoryFacts';
import { AdoptionFactRetriever, TemplateVersions } from './retrievers/types';
import { RepositoryReader } from './RepositoryReader';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';
import {
  summarizeTemplateRuns,
  TEMPLATE_RUN_WINDOW_DAYS,
  TemplateInfo,
} from './templateUsage';
import { DemoDataSeeders } from '../demoDataSeeders';

const CATALOG_PAGE_SIZE = 500;

/** Timings of one computation, for logs and the benchmark. */
export type AdoptionRunTimings = Record<string, number>;

/**
 * The scheduled adoption computation: reads the catalog once, runs the
 * fact retrievers (catalog, repository, ledger), stores facts with history,
 * evaluates the checks and scores, summarises the scaffolder's task
 * history and stores the day's snapshot of the organisation's metrics.
 *
 * Every write is an idempotent upsert, so a run on a second replica (the
 * scheduler normally prevents it) or a run cut short cannot corrupt data.
 */
export class AdoptionEngine {
  readonly #db: Knex;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #config: AdoptionConfig;
  readonly #scaffolder?: ScaffolderTaskReader;
  readonly #retrievers: {
    catalog: AdoptionFactRetriever<EntityFacts['catalog']>;
    repository: AdoptionFactRetriever<EntityFacts['repository']>;
    ledger: AdoptionFactRetriever<EntityFacts['ledger']>;
  };
  readonly #demo?: DemoDataSeeders;
  #running?: Promise<AdoptionRefreshResult & { timings: AdoptionRunTimings }>;

  readonly facts: AdoptionFactStore;
  readonly scores: AdoptionScoreStore;
  readonly snapshots: AdoptionSnapshotStore;
  readonly activity: AnalyticsActivityStore;

  constructor(options: {
    db: Knex;
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    config: AdoptionConfig;
    repositories: RepositoryReader;
    /** Absent: template runs are reported as unavailable. */
    scaffolder?: ScaffolderTaskReader;
    /** The demo data modules' seeders; absent, nothing is seeded. */
    demo?: DemoDataSeeders;
  }) {
    this.#db = options.db;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#config = options.config;
    this.#scaffolder = options.scaffolder;
    this.#demo = options.demo;
    this.#retrievers = {
      catalog: catalogFactRetriever,
      repository: createRepositoryFactRetriever(options.repositories),
      ledger: createLedgerFactRetriever(options.db),
    };
    this.facts = new AdoptionFactStore(options.db);
    this.scores = new AdoptionScoreStore(options.db);
    this.snapshots = new AdoptionSnapshotStore(options.db);
    this.activity = new AnalyticsActivityStore(options.db);
  }

  get config(): AdoptionConfig {
    return this.#config;
  }

  /**
   * Lets the demo data modules seed adoption history and page views dated
   * relative to `now` (once per UTC day), stored flagged `demo`.
   */
  async seedDemo(now: Date = new Date()): Promise<void> {
    await this.#demo?.seedAdoption({
      now,
      addSnapshots: snapshots =>
        this.snapshots.insertDemo(
          snapshots.map(({ day, metrics }) => ({
            day,
            computedAt: new Date(`${day}T12:00:00.000Z`),
            durationMs: null,
            metrics,
            templates: [],
          })),
        ),
      addPageViews: async views => {
        if (this.#config.analytics.enabled) {
          await this.activity.insertDemo(views);
        }
      },
    });
  }

  /**
   * Runs the computation, or joins the one already running in this
   * process.
   */
  run(
    now: Date = new Date(),
  ): Promise<AdoptionRefreshResult & { timings: AdoptionRunTimings }> {
    if (!this.#running) {
      this.#running = this.#run(now).finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  async #run(
    now: Date,
  ): Promise<AdoptionRefreshResult & { timings: AdoptionRunTimings }> {
    const started = Date.now();
    const timings: AdoptionRunTimings = {};
    const lap = (name: string, since: number) => {
      timings[name] = Date.now() - since;
      return Date.now();
    };
    let t = Date.now();
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { templates, versions } = await this.#readTemplates(credentials);
    const entities = await this.#readComponents(credentials);
    t = lap('catalog', t);

    const byRetriever = await this.#retrieveAndStore(
      entities,
      versions,
      now,
      timings,
    );
    t = Date.now();

    const scored = this.#score(entities, byRetriever, now);
    await this.scores.replaceAll(scored, now);
    t = lap('scores', t);

    const funnel = computeFunnel(scored.map(s => s.facts));
    const runs = await this.#templateRuns(scored, templates, now);
    t = lap('templateRuns', t);

    await this.seedDemo(now);
    const activeUsers = await this.activeUsers(now);
    const average = (values: number[]) =>
      values.length
        ? Math.round((10 * values.reduce((a, b) => a + b, 0)) / values.length) /
          10
        : null;
    const metrics: AdoptionMetrics = {
      ...funnel,
      templateRuns: runs.stats,
      activeUsers,
      timeToFirstProductionDeployment: runs.timeToFirstProductionDeployment,
      automationScore: average(scored.map(s => s.automation.score)),
      complexityScore: average(scored.map(s => s.complexity.score)),
    };
    const durationMs = Date.now() - started;
    await this.snapshots.put({
      day: utcDay(now),
      computedAt: now,
      durationMs,
      metrics,
      templates: runs.usage,
    });

    await this.facts.pruneHistory(
      new Date(now.getTime() - this.#config.historyDays * 86_400_000),
    );
    await this.snapshots.prune(daysBefore(now, this.#config.historyDays));
    await this.activity.prune(
      daysBefore(now, this.#config.analytics.retentionDays - 1),
    );
    lap('snapshot', t);
    timings.total = Date.now() - started;
    this.#logger.info(
      `Adoption facts and scores of ${entities.length} components computed in ${timings.total} ms`,
      { timings: JSON.stringify(timings) },
    );
    return {
      computedAt: now.toISOString(),
      durationMs: timings.total,
      entities: entities.length,
      timings,
    };
  }

  /**
   * Scores of one entity computed now, without storing them (for an entity
   * the scheduled run has not seen yet).
   */
  async scoreNow(
    entity: Entity,
    now: Date = new Date(),
  ): Promise<EntityScores> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { versions } = await this.#readTemplates(credentials);
    const ref = stringifyEntityRef(entity);
    const facts: Partial<EntityFacts> = {};
    for (const id of ['catalog', 'repository', 'ledger'] as const) {
      const retriever = this.#retrievers[id] as AdoptionFactRetriever<any>;
      const previous =
        id === 'repository' ? await this.facts.latest(id, [ref]) : new Map();
      const [row] = await retriever.handler({
        entities: [entity],
        templates: versions,
        now,
        previous,
        logger: this.#logger,
      });
      facts[id] = row.facts;
    }
    return this.#scoreOne(entity, facts as EntityFacts, now);
  }

  /** Weekly and monthly active users now. */
  async activeUsers(now: Date): Promise<AdoptionMetrics['activeUsers']> {
    const { enabled } = this.#config.analytics;
    const includeDemo = this.#config.demoData;
    const [weekly, monthly] = await Promise.all([
      this.activity.activeUsers(now, 7, includeDemo),
      this.activity.activeUsers(now, 30, includeDemo),
    ]);
    return {
      enabled,
      weekly: weekly.users,
      monthly: monthly.users,
      demoWeekly: weekly.demoUsers,
      demoMonthly: monthly.demoUsers,
    };
  }

  async #readTemplates(credentials: BackstageCredentials) {
    const { items } = await this.#catalog.getEntities(
      {
        filter: { kind: 'Template' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
        ],
      },
      { credentials },
    );
    const templates: TemplateInfo[] = items.map(t => {
      const version =
        t.metadata.annotations?.[GOLDEN_PATH_ANNOTATIONS.templateVersion];
      return {
        entityRef: stringifyEntityRef(t),
        name: t.metadata.name,
        ...(t.metadata.title ? { title: t.metadata.title } : {}),
        ...(version ? { version } : {}),
      };
    });
    const versions: TemplateVersions = new Map(
      templates.map(t => [
        t.name,
        { entityRef: t.entityRef, title: t.title, version: t.version },
      ]),
    );
    return { templates, versions };
  }

  async #readComponents(credentials: BackstageCredentials): Promise<Entity[]> {
    const entities: Entity[] = [];
    for await (const page of this.#catalog.streamEntities(
      { filter: { kind: 'Component' }, pageSize: CATALOG_PAGE_SIZE },
      { credentials },
    )) {
      entities.push(...page);
    }
    return entities;
  }

  async #retrieveAndStore(
    entities: Entity[],
    versions: TemplateVersions,
    now: Date,
    timings: AdoptionRunTimings,
  ): Promise<Map<string, Partial<EntityFacts>>> {
    const byRef = new Map<string, Partial<EntityFacts>>();
    for (const id of ['catalog', 'repository', 'ledger'] as const) {
      const t = Date.now();
      const retriever = this.#retrievers[id] as AdoptionFactRetriever<any>;
      const previous =
        id === 'repository' ? await this.facts.latest(id) : new Map();
      const rows = await retriever.handler({
        entities,
        templates: versions,
        now,
        previous,
        logger: this.#logger,
      });
      for (const row of rows) {
        const facts = byRef.get(row.entityRef) ?? {};
        facts[id] = row.facts;
        byRef.set(row.entityRef, facts);
      }
      await this.facts.store(id, retriever.version, rows, now);
      timings[`facts.${id}`] = Date.now() - t;
    }
    return byRef;
  }

  #score(
    entities: Entity[],
    byRef: Map<string, Partial<EntityFacts>>,
    now: Date,
  ): EntityScores[] {
    return entities.map(entity =>
      this.#scoreOne(
        entity,
        byRef.get(stringifyEntityRef(entity)) as EntityFacts,
        now,
      ),
    );
  }

  #scoreOne(entity: Entity, facts: EntityFacts, now: Date): EntityScores {
    const automation = evaluateAutomationChecks(facts);
    return {
      entityRef: stringifyEntityRef(entity),
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      ...(facts.catalog.owner ? { owner: facts.catalog.owner } : {}),
      computedAt: now.toISOString(),
      automation,
      complexity: computeComplexity(facts),
      deviations: goldenPathDeviations(facts, automation),
      facts,
    };
  }

  async #templateRuns(
    scored: EntityScores[],
    templates: TemplateInfo[],
    now: Date,
  ): Promise<{
    stats: TemplateRunStats;
    usage: ReturnType<typeof summarizeTemplateRuns>['usage'];
    timeToFirstProductionDeployment: AdoptionMetrics['timeToFirstProductionDeployment'];
  }> {
    const since = new Date(
      now.getTime() - TEMPLATE_RUN_WINDOW_DAYS * 86_400_000,
    );
    let tasks: Awaited<ReturnType<ScaffolderTaskReader['listSince']>> = [];
    let unavailable: string | undefined;
    if (!this.#scaffolder) {
      unavailable = 'the scaffolder task history is not connected';
    } else {
      try {
        tasks = await this.#scaffolder.listSince(since);
      } catch (error) {
        unavailable = `could not read the scaffolder's task history: ${
          (error as Error).message
        }`;
        this.#logger.warn(unavailable);
      }
    }
    const components = new Map<string, { template?: string }>();
    const originalRef = new Map<string, string>();
    for (const s of scored) {
      const lower = s.entityRef.toLocaleLowerCase('en-US');
      originalRef.set(lower, s.entityRef);
      components.set(lower, { template: s.facts.catalog.goldenPath.template });
    }
    const candidates = [
      ...new Set(
        tasks
          .filter(t => t.status === 'completed' && t.componentName)
          .map(t =>
            `component:default/${t.componentName}`.toLocaleLowerCase('en-US'),
          )
          .filter(ref => originalRef.has(ref))
          .map(ref => originalRef.get(ref)!),
      ),
    ];
    const productionDeployments = new Map<string, number[]>();
    for (let i = 0; i < candidates.length; i += 300) {
      const rows = await this.#db('paved_deployments')
        .whereIn('entity_ref', candidates.slice(i, i + 300))
        .where({ is_production: true, status: 'success' })
        .where('started_at', '>=', since)
        .select('entity_ref', 'started_at', 'finished_at');
      for (const row of rows) {
        const key = String(row.entity_ref).toLocaleLowerCase('en-US');
        const at = toDate(row.finished_at ?? row.started_at).getTime();
        const list = productionDeployments.get(key) ?? [];
        list.push(at);
        productionDeployments.set(key, list);
      }
    }
    for (const list of productionDeployments.values())
      list.sort((a, b) => a - b);

    const summary = summarizeTemplateRuns({
      tasks,
      templates,
      components,
      productionDeployments,
    });
    return {
      stats: {
        ...summary.stats,
        status: unavailable ? 'unavailable' : 'ok',
        ...(unavailable ? { detail: unavailable } : {}),
      },
      usage: summary.usage,
      timeToFirstProductionDeployment: summary.timeToFirstProductionDeployment,
    };
  }
}
