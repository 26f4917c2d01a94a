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

/*
 * Adoption benchmark: 10,000 components.
 *
 *   yarn bench:adoption                 (SQLite, the embedded default)
 *   BENCH_DB=pg yarn bench:adoption     (PostgreSQL at POSTGRES_URL,
 *                                        default 127.0.0.1:5432)
 *   BENCH_ENTITIES=2000 yarn bench:adoption
 *   BENCH_SKIP_BUILD=1 yarn bench:adoption   (reuse packages/app/dist)
 *
 * What runs for real: the Paved backend plugin (its database, migrations,
 * the scheduled adoption computation, the REST API), Backstage's auth
 * backend with guest sign-in, the permission backend (allow-all) and
 * app-backend serving the production build of the portal's frontend
 * (`yarn workspace app build`, done first), in one backend process on
 * :7017, driven by headless Debian Chromium. The running development server
 * on http://localhost:3000 is measured too, when it is up.
 *
 * What is generated: the catalog is fed through the same CatalogService
 * interface the real catalog serves (Backstage's in-memory catalog client
 * from @backstage/plugin-catalog-node/testUtils) with 10,000 generated
 * components and 3 templates; 200 repositories on disk (CI with and without
 * tests, or none) that the repository fact retriever reads; ~18,000
 * deployment records; page views of 800 people; and 2,000 scaffolder tasks
 * served by a stand-in for the scaffolder's GET /v2/tasks. For the
 * development server, the browser's calls to its backend (localhost:7007)
 * are routed to this backend (:7017), so both show the 10,000-component
 * data.
 *
 * Prints the scheduled computation's duration (target < 60 s) and the
 * Platform page load (target < 2 s for the production build).
 */

import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { execSync } from 'node:child_process';
import knexFactory, { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import {
  createRepositories,
  generateCatalog,
  generateTasks,
  seedLedger,
  seedPageViews,
} from './adoption-data';

const COUNT = Number(process.env.BENCH_ENTITIES ?? 10000);
const PORT = Number(process.env.BENCH_PORT ?? 7017);
const FRONTEND = 'http://localhost:3000';
const PG = process.env.BENCH_DB === 'pg';
const PG_URL =
  process.env.POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const PREFIX = `paved_bench_${process.pid}_`;
const TARGET_COMPUTE_MS = 60_000;
const TARGET_PAGE_MS = 2_000;
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  // Like `yarn start`: a development backend, so guest sign-in works.
  process.env.NODE_ENV = process.env.NODE_ENV ?? 'development';
  const work = await fs.mkdtemp(join(tmpdir(), 'paved-bench-'));
  const now = new Date();
  console.log(
    `Adoption benchmark: ${COUNT} components, ${
      PG ? 'PostgreSQL' : 'SQLite'
    }, work dir ${work}`,
  );

  let t = Date.now();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    // The production build of the app (packages/app/dist, git-ignored),
    // served by app-backend below.
    execSync('yarn workspace app build', { stdio: 'ignore' });
    console.log(`Built the app in ${seconds(Date.now() - t)}`);
    t = Date.now();
  }
  const repos = await createRepositories(join(work, 'repos'));
  const entities = generateCatalog(COUNT, repos);
  const tasks = generateTasks(COUNT, now);
  console.log(
    `Generated the catalog and ${repos.length} repositories in ${seconds(
      Date.now() - t,
    )}`,
  );

  const database = PG
    ? { client: 'pg', connection: PG_URL, prefix: PREFIX }
    : {
        client: 'better-sqlite3',
        connection: { directory: join(work, 'sqlite') },
      };
  // The portal's own frontend settings (title, extensions, organisation)
  // from app-config.yaml; everything else is the benchmark's.
  const appConfig = parseYaml(await fs.readFile('app-config.yaml', 'utf8'));
  const config = new ConfigReader({
    organization: appConfig.organization,
    // The production build of the app is served by this backend (app-backend).
    app: { ...appConfig.app, baseUrl: `http://localhost:${PORT}` },
    backend: {
      baseUrl: `http://localhost:${PORT}`,
      listen: { port: PORT },
      cors: {
        origin: [FRONTEND, `http://localhost:${PORT}`],
        methods: ['GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'DELETE'],
        credentials: true,
      },
      database,
    },
    auth: { environment: 'development', providers: { guest: {} } },
    permission: { enabled: true },
    paved: { demoData: { enabled: false } },
  });

  // The scaffolder's task list, as its REST API pages it.
  const scaffolderStandIn = createBackendPlugin({
    pluginId: 'scaffolder',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          const router = express.Router();
          router.get('/v2/tasks', (req, res) => {
            const limit = Number(req.query.limit ?? 100);
            const offset = Number(req.query.offset ?? 0);
            res.json({
              tasks: tasks.slice(offset, offset + limit),
              totalTasks: tasks.length,
            });
          });
          httpRouter.use(router);
        },
      });
    },
  });

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  backend.add(catalogServiceMock.factory({ entities }));
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );
  backend.add(import('@paved/plugin-paved-backend'));
  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(scaffolderStandIn);
  t = Date.now();
  await backend.start();
  console.log(`Backend up on :${PORT} in ${seconds(Date.now() - t)}`);

  let db: Knex | undefined;
  try {
    db = knexFactory(
      PG
        ? { client: 'pg', connection: `${PG_URL}/${PREFIX}paved` }
        : {
            client: 'better-sqlite3',
            connection: { filename: join(work, 'sqlite', 'paved.sqlite') },
            useNullAsDefault: true,
          },
    );
    t = Date.now();
    const deployments = await seedLedger(db, COUNT, now);
    const views = await seedPageViews(db, now);
    console.log(
      `Seeded ${deployments} deployments and ${views} page-view rows in ${seconds(
        Date.now() - t,
      )}`,
    );

    const base = `http://localhost:${PORT}`;
    const session = await fetch(`${base}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }).then(r => r.json());
    const token = session.backstageIdentity?.token as string;
    if (!token) {
      throw new Error(`guest sign-in failed: ${JSON.stringify(session)}`);
    }
    const refresh = async () => {
      const started = Date.now();
      const res = await fetch(`${base}/api/paved/v1/adoption/refresh`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: '{}',
      });
      if (!res.ok)
        throw new Error(`refresh: ${res.status} ${await res.text()}`);
      const body = await res.json();
      return { ...body, wallMs: Date.now() - started };
    };
    const first = await refresh();
    const second = await refresh();
    console.log(
      `Scheduled computation, first run (every fact new):   ${seconds(
        first.durationMs,
      )} for ${first.entities} components`,
    );
    console.log(
      `Scheduled computation, second run (steady state):    ${seconds(
        second.durationMs,
      )}`,
    );

    const report = await fetch(`${base}/api/paved/v1/adoption`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(r => r.json());
    const funnel = report.current.funnel
      .map((s: any) => `${s.id} ${s.count}`)
      .join(', ');
    console.log(
      `Funnel: ${funnel}; template runs ${report.current.templateRuns.runs}; WAU ${report.current.activeUsers.weekly}, MAU ${report.current.activeUsers.monthly}`,
    );

    // The API calls the Platform page makes, one by one.
    for (const path of [
      '/api/paved/v1/adoption',
      '/api/paved/v1/golden-paths/drift',
      '/api/paved/v1/survey-results?subject=platform',
      '/api/paved/v1/info',
    ]) {
      const started = Date.now();
      const res = await fetch(`${base}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const bytes = (await res.arrayBuffer()).byteLength;
      console.log(
        `  GET ${path}: ${res.status}, ${Math.round(bytes / 1024)} KiB in ${
          Date.now() - started
        } ms`,
      );
    }

    const printPage = (label: string, page: PageTimes) => {
      console.log(`Platform page, ${label}:`);
      console.log(
        `  full load of /paved, cold:            ${seconds(page.cold)}`,
      );
      console.log(
        `  full load of /paved (median of ${page.full.length}):    ${seconds(
          median(page.full),
        )}  (app shell up after ${seconds(median(page.shell))})`,
      );
      console.log(
        `  from the sidebar (median of ${page.nav.length}):        ${seconds(
          median(page.nav),
        )}`,
      );
    };
    // The production build, as users get it, served by this backend.
    const production = await measurePage(
      `http://localhost:${PORT}`,
      'bench-platform-10k',
    );
    printPage('production build of the app', production);
    // The development server (unminified bundle) of the running portal.
    try {
      const development = await measurePage(FRONTEND, 'bench-platform-10k-dev');
      printPage(`development server ${FRONTEND}`, development);
    } catch (error) {
      console.log(
        `Development server not measured: ${(error as Error).message}`,
      );
    }

    const ok =
      Math.max(first.durationMs, second.durationMs) < TARGET_COMPUTE_MS &&
      median(production.full) < TARGET_PAGE_MS;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}: computation < ${seconds(
        TARGET_COMPUTE_MS,
      )}, page load < ${seconds(TARGET_PAGE_MS)}`,
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db?.destroy();
    await backend.stop();
    if (PG) {
      const admin = knexFactory({ client: 'pg', connection: PG_URL });
      const { rows } = await admin.raw(
        'SELECT datname FROM pg_database WHERE datname LIKE ?',
        [`${PREFIX}%`],
      );
      for (const row of rows) {
        await admin.raw(
          `DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`,
        );
      }
      await admin.destroy();
    }
    await fs.rm(work, { recursive: true, force: true });
  }
}

type PageTimes = {
  cold: number;
  full: number[];
  shell: number[];
  nav: number[];
};

/**
 * Loads the Platform page in headless Chromium: time from navigation until
 * the adoption dashboard shows its data (the funnel chart and the table of
 * components off the golden path).
 */
async function measurePage(
  origin: string,
  screenshot: string,
): Promise<PageTimes> {
  const up = await fetch(origin).then(
    r => r.ok,
    () => false,
  );
  if (!up) {
    throw new Error(
      origin === FRONTEND
        ? `the portal's frontend is not running on ${origin}: start it with \`yarn start\` (or make start) and run the benchmark again`
        : `${origin} serves no app: build it with \`yarn workspace app build\` (or run without BENCH_SKIP_BUILD)`,
    );
  }
  const browser = await chromium.launch({
    executablePath: process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  try {
    const context = await browser.newContext();
    if (origin === FRONTEND) {
      // The development server's app talks to localhost:7007: send that here
      // (the signals WebSocket, which this backend does not have, is closed
      // instead of reaching the running portal with a token it cannot know).
      await context.routeWebSocket(/^ws:\/\/localhost:7007\//, ws =>
        ws.close(),
      );
      await context.route(/^http:\/\/localhost:7007\//, route =>
        route.continue({
          url: route
            .request()
            .url()
            .replace('localhost:7007', `localhost:${PORT}`),
        }),
      );
    }
    const page = await context.newPage();
    page.on('pageerror', error => console.log(`page error: ${error.message}`));
    await page.goto(origin);
    try {
      await page.getByRole('button', { name: 'Enter' }).click();
    } catch (error) {
      await page.screenshot({
        path: `e2e-artifacts/screenshots/${screenshot}-failed.png`,
      });
      throw error;
    }
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Catalog', exact: true })
      .waitFor();

    const ready = async () => {
      await page
        .locator('[data-testid="adoption-funnel"] svg')
        .first()
        .waitFor({ timeout: 30_000 });
      await page
        .getByText('Furthest off the golden path')
        .waitFor({ timeout: 30_000 });
      await page
        .locator('a[href*="/catalog/default/component/svc-"]')
        .first()
        .waitFor({ timeout: 30_000 });
    };
    const shell: number[] = [];
    const load = async () => {
      const started = Date.now();
      await page.goto(`${origin}/paved`);
      // The app itself (the development server's bundle) is up when the
      // sidebar shows; the rest is the Platform page.
      await page
        .getByTestId('sidebar-root')
        .getByRole('link', { name: 'Platform', exact: true })
        .waitFor();
      shell.push(Date.now() - started);
      await ready();
      return Date.now() - started;
    };
    const cold = await load();
    shell.length = 0;
    const full: number[] = [];
    for (let i = 0; i < 5; i++) full.push(await load());
    const nav: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page
        .getByTestId('sidebar-root')
        .getByRole('link', { name: 'Catalog', exact: true })
        .click();
      await page.waitForURL(url => url.pathname === '/');
      const started = Date.now();
      await page
        .getByTestId('sidebar-root')
        .getByRole('link', { name: 'Platform', exact: true })
        .click();
      await ready();
      nav.push(Date.now() - started);
    }
    await fs.mkdir('e2e-artifacts/screenshots', { recursive: true });
    await page.screenshot({
      path: `e2e-artifacts/screenshots/${screenshot}.png`,
      fullPage: true,
    });
    return { cold, full, shell, nav };
  } finally {
    await browser.close();
  }
}

main().then(
  // Scheduler timers and database pools would keep the process alive.
  () => process.exit(process.exitCode ?? 0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
