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
import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  PavedDemoDataSeeder,
  PavedDemoLedgerDelivery,
} from '@paved/plugin-paved-node';
import { createHash } from 'node:crypto';

/** The config the demo ledger reads (the root config, or one loaded in a test). */
type DemoConfig = Pick<
  RootConfigService,
  'getOptionalBoolean' | 'getOptionalString'
>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Days of history delivered, ending now. */
export const DEMO_LEDGER_DAYS = 90;
/**
 * Days generated before the history, so the first release in it lists the
 * commits since its previous release (longer than any release cycle).
 */
const LEAD_IN_DAYS = 60;

/**
 * How a demo team works. Everything derives from the UTC day number and
 * the component, so the same day gives the same records whenever it is
 * generated: seeding tomorrow adds tomorrow's records and repeats the rest
 * (which the intake then skips by delivery id).
 */
type Profile = {
  /** Component name in the demo shop (examples/score). */
  name: string;
  /** Release times on a UTC day, in hours after midnight. */
  releases(day: number, random: () => number): number[];
  /** Commits on a day: how many, between which hours. */
  commits(day: number, random: () => number): number;
  /** Chance that a release fails in production first. */
  failedAttempt: number;
  /**
   * Whether the release of a day (its first release that day) causes an
   * incident; by day number, so every window has its share.
   */
  incident(day: number, random: () => number): boolean;
  /** Minutes from opening an incident to resolving it. */
  recoveryMinutes: [number, number];
  /** Whether a release on this day is rolled back after an incident. */
  rolledBack?(day: number): boolean;
  authors: string[];
  changes: string[];
  incidents: string[];
};

const isWorkday = (day: number) => {
  const weekday = (day + 4) % 7; // day 0, 1970-01-01, was a Thursday
  return weekday >= 1 && weekday <= 5;
};

/** The first workday of each `cycle`-day period (counted from `offset`). */
const cycleRelease =
  (cycle: number, offset: number, hour: number) =>
  (day: number): number[] => {
    let first = day - ((((day - offset) % cycle) + cycle) % cycle);
    while (!isWorkday(first)) first++;
    return day === first ? [hour] : [];
  };

/**
 * The demo shop's teams (examples/score): team-web ships the storefront
 * several times a day (elite), team-catalog twice a week, team-checkout
 * its orders service every four weeks and the fulfilment worker every six,
 * with long lead times, failed attempts and incidents, and every other
 * orders release rolled back.
 */
export const DEMO_PROFILES: Profile[] = [
  {
    name: 'shop-frontend',
    releases: (day, random) =>
      isWorkday(day) ? [10.5, 14, 16.75].filter(() => random() < 0.85) : [],
    commits: (day, random) =>
      isWorkday(day) ? 3 + Math.floor(random() * 5) : 0,
    failedAttempt: 0.02,
    incident: day => day % 23 === 0,
    recoveryMinutes: [12, 45],
    authors: ['demo-ana', 'demo-bo', 'demo-chen', 'demo-dara'],
    changes: [
      'Tweak product card spacing',
      'Lazy-load recommendation images',
      'Add basket badge animation',
      'Fix focus ring on search',
      'Update storefront copy',
      'Cache category menu',
    ],
    incidents: ['Storefront images fail to load', 'Search box unresponsive'],
  },
  {
    name: 'catalog-api',
    releases: day => {
      const weekday = (day + 4) % 7;
      return weekday === 2 || weekday === 4 ? [15] : [];
    },
    commits: (day, random) =>
      isWorkday(day) ? 1 + Math.floor(random() * 3) : 0,
    failedAttempt: 0.05,
    // The Tuesday release of every sixth week.
    incident: day => Math.floor(day / 7) % 6 === 0 && (day + 4) % 7 === 2,
    recoveryMinutes: [60, 420],
    authors: ['demo-eli', 'demo-fynn', 'demo-gia'],
    changes: [
      'Index products by category',
      'Paginate price history',
      'Return 404 for retired products',
      'Bump gRPC library',
    ],
    incidents: ['Catalog API latency above 2 s'],
  },
  {
    name: 'orders-service',
    releases: cycleRelease(28, 3, 14),
    commits: (day, random) => (isWorkday(day) ? Math.floor(random() * 4) : 0),
    failedAttempt: 0.4,
    incident: (_day, random) => random() < 0.5,
    recoveryMinutes: [300, 2880],
    rolledBack: day => Math.floor(day / 28) % 2 === 0,
    authors: ['demo-hana', 'demo-ivo', 'demo-jules'],
    changes: [
      'Refactor order state machine',
      'Add discount code rounding',
      'Upgrade Spring Boot',
      'Retry payment provider calls',
      'Split order events by region',
    ],
    incidents: [
      'Orders stuck in PENDING',
      'Payment retries double-charge customers',
    ],
  },
  {
    name: 'fulfilment-worker',
    releases: cycleRelease(42, 17, 11),
    commits: (day, random) => (isWorkday(day) && random() < 0.6 ? 1 : 0),
    failedAttempt: 0.4,
    incident: (_day, random) => random() < 0.5,
    recoveryMinutes: [600, 4320],
    authors: ['demo-ivo', 'demo-kai'],
    changes: [
      'Batch shipment label requests',
      'Handle courier timeouts',
      'Python 3.12',
    ],
    incidents: ['Shipments not dispatched'],
  },
];

/** A seeded PRNG (mulberry32) per component and day: the same day, the same numbers. */
function randomFor(...parts: Array<string | number>): () => number {
  let seed = createHash('sha256')
    .update(parts.join(':'))
    .digest()
    .readUInt32LE(0);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, [min, max]: [number, number]) =>
  min + random() * (max - min);
const pick = <T>(random: () => number, items: T[]) =>
  items[Math.floor(random() * items.length)];
const sha = (...parts: Array<string | number>) =>
  createHash('sha1').update(parts.join(':')).digest('hex');
const iso = (ms: number) => new Date(ms).toISOString();
const dayLabel = (day: number) =>
  new Date(day * DAY).toISOString().slice(0, 10);

type Commit = {
  sha: string;
  at: number;
  author: string;
  message: string;
};

type Release = {
  /** The UTC day number (days since 1970-01-01). */
  day: number;
  /** `YYYY-MM-DD.<slot>`: the release's CI run on its day. */
  run: string;
  at: number;
  sha: string;
  version: string;
  commits: Commit[];
};

type DeploymentFields = {
  environment: 'staging' | 'production';
  status: 'success' | 'failure';
  at: number;
  kind?: 'deploy' | 'rollback';
  sha: string;
  version: string;
  message: string;
  commits?: Commit[];
  rolledBack?: boolean;
  /** When the record changed last, if after `at` (a later update). */
  updatedAt?: number;
};

/** Collects one component's deliveries, leaving out those after now. */
class ComponentLedger {
  readonly deliveries: PavedDemoLedgerDelivery[] = [];
  readonly entityRef: string;

  constructor(readonly profile: Profile, private readonly now: number) {
    this.entityRef = `component:default/${profile.name}`;
  }

  /** `externalId` names the record; `id` this state of it. */
  deployment(externalId: string, id: string, fields: DeploymentFields) {
    this.#deliver(
      id,
      'deployment',
      {
        externalId,
        entityRef: this.entityRef,
        environment: fields.environment,
        status: fields.status,
        startedAt: iso(fields.at - 6 * MINUTE),
        finishedAt: iso(fields.at),
        commitSha: fields.sha,
        version: fields.version,
        message: fields.message,
        pipelineRun: `demo-ci/${externalId.replace(/\/[a-z-]+$/, '')}`,
        ...(fields.kind ? { kind: fields.kind } : {}),
        ...(fields.rolledBack !== undefined
          ? { rolledBack: fields.rolledBack }
          : {}),
        ...(fields.updatedAt ? { updatedAt: iso(fields.updatedAt) } : {}),
        changes: (fields.commits ?? []).map(c => ({
          sha: c.sha,
          author: c.author,
          committedAt: iso(c.at),
          message: c.message,
        })),
      },
      fields.updatedAt ?? fields.at,
    );
  }

  /** An incident caused by `deployment` (its external id), as opened and as resolved. */
  incident(
    externalId: string,
    fields: {
      title: string;
      severity: string;
      deployment: string;
      openedAt: number;
      resolvedAt: number;
    },
  ) {
    const incident = {
      externalId,
      entityRef: this.entityRef,
      title: fields.title,
      severity: fields.severity,
      deployment: fields.deployment,
      openedAt: iso(fields.openedAt),
    };
    this.#deliver(
      `${externalId}/opened`,
      'incident',
      { ...incident, status: 'open' },
      fields.openedAt,
    );
    this.#deliver(
      `${externalId}/resolved`,
      'incident',
      { ...incident, status: 'resolved', resolvedAt: iso(fields.resolvedAt) },
      fields.resolvedAt,
    );
  }

  /**
   * A release: to staging, maybe a failed production attempt, to
   * production; then an incident, or an incident and a rollback to the
   * previous release.
   */
  release(
    release: Release,
    previous: Release | undefined,
    random: () => number,
  ) {
    const { profile } = this;
    const base = `${profile.name}/${release.run}`;
    const shipped = {
      sha: release.sha,
      version: release.version,
      commits: release.commits,
    };
    this.deployment(`${base}/staging`, `${base}/staging`, {
      ...shipped,
      environment: 'staging',
      status: 'success',
      at: release.at - 35 * MINUTE,
      message: `(demo) Release ${release.version} to staging`,
    });
    if (random() < profile.failedAttempt) {
      this.deployment(`${base}.1/production`, `${base}.1/production`, {
        sha: release.sha,
        version: release.version,
        environment: 'production',
        status: 'failure',
        at: release.at - 20 * MINUTE,
        message: `(demo) Release ${release.version} failed: database migration timed out`,
      });
    }
    const production = `${base}/production`;
    this.deployment(production, production, {
      ...shipped,
      environment: 'production',
      status: 'success',
      at: release.at,
      message: `(demo) Release ${release.version}`,
    });

    if (previous && profile.rolledBack?.(release.day)) {
      const rollbackAt = release.at + 130 * MINUTE;
      this.incident(`${base}/incident`, {
        title: `(demo) Checkout fails after release ${release.version}; rolled back`,
        severity: 'SEV1',
        deployment: production,
        openedAt: release.at + 35 * MINUTE,
        resolvedAt: rollbackAt + 15 * MINUTE,
      });
      this.deployment(production, `${production}/rolled-back`, {
        ...shipped,
        environment: 'production',
        status: 'success',
        at: release.at,
        message: `(demo) Release ${release.version}, rolled back`,
        rolledBack: true,
        updatedAt: rollbackAt,
      });
      this.deployment(
        `${base}.rollback/production`,
        `${base}.rollback/production`,
        {
          environment: 'production',
          status: 'success',
          kind: 'rollback',
          at: rollbackAt,
          sha: previous.sha,
          version: previous.version,
          message: `(demo) Roll back to ${previous.version}`,
          // The commit it deploys again: nothing new ships.
          commits: previous.commits.slice(-1),
        },
      );
    } else if (
      release.run.endsWith('.0') &&
      profile.incident(release.day, random)
    ) {
      const openedAt = release.at + between(random, [10, 90]) * MINUTE;
      this.incident(`${base}/incident`, {
        title: `(demo) ${pick(random, profile.incidents)}`,
        severity: random() < 0.3 ? 'SEV1' : 'SEV2',
        deployment: production,
        openedAt,
        resolvedAt:
          openedAt + between(random, profile.recoveryMinutes) * MINUTE,
      });
    }
  }

  #deliver(
    id: string,
    type: PavedDemoLedgerDelivery['type'],
    payload: Record<string, unknown>,
    at: number,
  ) {
    if (at <= this.now) {
      this.deliveries.push({ id: `demo:${id}`, type, payload });
    }
  }
}

/**
 * The demo ledger of one component up to `now`: production releases with
 * the commits each shipped (staged first), failed attempts, incidents and
 * rollbacks, as deliveries in the generic webhook's format.
 */
export function demoLedgerDeliveries(
  profile: Profile,
  now: Date,
): PavedDemoLedgerDelivery[] {
  const ledger = new ComponentLedger(profile, now.getTime());
  const today = Math.floor(now.getTime() / DAY);
  const firstDay = today - DEMO_LEDGER_DAYS;
  let unreleased: Commit[] = [];
  let previous: Release | undefined;
  for (let day = firstDay - LEAD_IN_DAYS; day <= today; day++) {
    const random = randomFor('paved-demo-ledger', profile.name, day);
    const count = profile.commits(day, random);
    for (let i = 0; i < count; i++) {
      unreleased.push({
        sha: sha(profile.name, day, i),
        at: day * DAY + between(random, [8.5, 17.5]) * HOUR,
        author: pick(random, profile.authors),
        message: pick(random, profile.changes),
      });
    }
    unreleased.sort((a, b) => a.at - b.at);
    for (const [slot, hour] of profile.releases(day, random).entries()) {
      const at = day * DAY + hour * HOUR;
      // What was committed until half an hour before the release ships.
      const commits = unreleased.filter(c => c.at < at - 30 * MINUTE);
      if (!commits.length) continue;
      unreleased = unreleased.filter(c => !commits.includes(c));
      const release: Release = {
        day,
        run: `${dayLabel(day)}.${slot}`,
        at,
        sha: commits[commits.length - 1].sha,
        version: `${dayLabel(day).replace(/-/g, '.')}.${slot}`,
        commits,
      };
      if (day >= firstDay) ledger.release(release, previous, random);
      previous = release;
    }
  }
  return ledger.deliveries;
}

/**
 * Why the demo ledger must not be seeded under this config, or undefined
 * when it may: demo data switched off, or a production auth environment
 * (app-config.production.yaml sets both).
 */
export function demoLedgerRefusal(config: DemoConfig): string | undefined {
  if (config.getOptionalBoolean('paved.demoData.enabled') === false) {
    return 'paved.demoData.enabled is false';
  }
  if (config.getOptionalString('auth.environment') === 'production') {
    return "auth.environment is 'production'";
  }
  return undefined;
}

/**
 * Seeds about 90 days of deployments, the commits they shipped, incidents
 * and a rollback for the demo shop's components, through the Paved
 * backend's webhook intake (source `demo`). Refuses, seeding nothing,
 * under a config `demoLedgerRefusal` names a reason for.
 */
export function createDemoLedgerSeeder(
  config: DemoConfig,
): PavedDemoDataSeeder {
  const refusal = demoLedgerRefusal(config);
  return {
    id: 'ledger',
    async seedLedger({ now, logger, deliver }) {
      if (refusal) {
        logger.info(`Demo ledger not seeded: ${refusal}`);
        return;
      }
      const deliveries = DEMO_PROFILES.flatMap(p =>
        demoLedgerDeliveries(p, now),
      );
      // Deployments first: an incident names the deployment that caused
      // it, which must be in the ledger when the incident is written.
      await deliver(deliveries.filter(d => d.type === 'deployment'));
      await deliver(deliveries.filter(d => d.type === 'incident'));
    },
  };
}
