#!/usr/bin/env node
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
 * What Paved's entity cards cost an entity page (yarn bench:page).
 *
 * The production app bundle (packages/app/dist; built first when missing or
 * with --build) is served by two real backends on free ports, on one
 * PostgreSQL database: one with the default extension config, one with
 * Paved's entity cards and Platform tab switched off through app.extensions.
 * Headless Debian Chromium loads the entity page from each in alternating
 * blocks and the script prints medians and with/without ratios of
 *   - network idle: the last response of the page load,
 *   - About card visible: the catalog's own card on screen,
 *   - warm reload: network idle of a reload with the HTTP cache warm,
 * plus the requests of one load, and the sizes of Paved's chunks in the
 * bundle. Times come from the page's own clock (performance.now()).
 *
 *   node scripts/bench/page.mjs [--blocks 3] [--loads 5] [--build]
 *     [--entity default/component/orders-service] [--off id,id]
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  artifacts,
  dropDatabases,
  freePort,
  root,
  startBackend,
} from '../lib/backendProcess.mjs';

const require = createRequire(join(root, 'package.json'));
const YAML = require('yaml');
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const BLOCKS = Number(option('blocks', 3));
const LOADS = Number(option('loads', 5));
const ENTITY = option('entity', 'default/component/orders-service');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { networkIdle: 1.15, about: 1.05 };

// Paved's extensions on entity pages; "without" switches all of them off.
const PAVED_ENTITY_EXTENSIONS = [
  'entity-card:paved/summary',
  'entity-content:paved/platform',
  'entity-card:paved/dora',
  'entity-card:paved/deployments',
  'entity-card:paved/adoption',
  'entity-card:paved/slos',
  'entity-card:paved/nps',
  'entity-card:paved/workload',
  'entity-card:paved/feedback',
  'entity-card:paved/roadmap-item',
];

// --off id,id: the "without" variant switches off only these (to find
// which extension a difference comes from); default all of the above.
const SWITCHED_OFF = option('off', '')
  ? option('off', '').split(',')
  : PAVED_ENTITY_EXTENSIONS;

const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = bytes => `${(bytes / 1024).toFixed(1)} kB`;

// --- the production bundle -------------------------------------------------
const dist = join(root, 'packages/app/dist');
if (args.includes('--build') || !existsSync(join(dist, 'index.html'))) {
  console.log('Building the app bundle (yarn workspace app build) ...');
  execFileSync('yarn', ['workspace', 'app', 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/**
 * Paved's chunks in the bundle, found by text only they contain (chunk
 * names are content hashes). recharts is listed for the chart chunk it
 * shares with other plugins.
 */
function pavedChunks() {
  const markers = {
    'summary card (Overview)': 'paved-summary-automation',
    'Platform tab': 'No Paved cards for this entity',
    'DORA card': 'No deployments or incidents in the last',
    'DORA sparkline + recharts': 'recharts-line',
    'Deployments card': 'deploymentsEnv',
    'Adoption & scores card': 'automation-score',
    'SLO card': 'Service level objectives',
    'NPS card': 'Developer satisfaction',
    'survey prompt': 'Remind me tomorrow',
    'Workload card': 'Score workload',
    'Paved API client': '/v1/entity-summary',
  };
  const dir = join(dist, 'static');
  const files = readdirSync(dir).filter(f => f.endsWith('.js'));
  const rows = [];
  let total = 0;
  let totalGzip = 0;
  for (const file of files) {
    const text = readFileSync(join(dir, file));
    total += text.length;
    totalGzip += gzipSync(text).length;
    const found = Object.entries(markers)
      .filter(([, marker]) => text.includes(marker))
      .map(([name]) => name);
    if (found.length) {
      rows.push({
        file,
        holds: found.join(', '),
        size: text.length,
        gzip: gzipSync(text).length,
      });
    }
  }
  return { rows, files: files.length, total, totalGzip };
}

const chunks = pavedChunks();
console.log(
  `\nBundle: ${chunks.files} JS chunks, ${kb(chunks.total)} (${kb(
    chunks.totalGzip,
  )} gzip). Chunks holding Paved's cards:`,
);
for (const row of chunks.rows.sort((a, b) => a.size - b.size)) {
  console.log(
    `  ${kb(row.size).padStart(10)}  ${kb(row.gzip).padStart(9)} gzip  ${
      row.file
    }  ${row.holds}`,
  );
}

// --- two backends, one database -----------------------------------------------
const appConfig = YAML.parse(
  readFileSync(join(root, 'app-config.yaml'), 'utf8'),
);
const baseExtensions = appConfig.app?.extensions ?? [];
const locations = appConfig.catalog?.locations ?? [];

function variantConfig(name, cardsOn) {
  // A later config file replaces the list: repeat app-config.yaml's entries.
  const extensions = [
    ...baseExtensions.filter(
      e =>
        !PAVED_ENTITY_EXTENSIONS.includes(
          typeof e === 'string' ? e : Object.keys(e)[0],
        ),
    ),
    ...(cardsOn
      ? baseExtensions.filter(e =>
          PAVED_ENTITY_EXTENSIONS.includes(
            typeof e === 'string' ? e : Object.keys(e)[0],
          ),
        )
      : PAVED_ENTITY_EXTENSIONS.map(id =>
          SWITCHED_OFF.includes(id)
            ? { [id]: false }
            : baseExtensions.find(
                e => (typeof e === 'string' ? e : Object.keys(e)[0]) === id,
              ) ?? id,
        )),
  ];
  const file = join(artifacts, `${name}.extensions.yaml`);
  writeFileSync(
    file,
    YAML.stringify({
      app: { extensions },
      // Sign in as the demo's guest, with the demo data the cards show.
      auth: {
        environment: 'development',
        providers: {
          guest: {
            userEntityRef: 'user:default/guest',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      },
      paved: { demoData: { enabled: true } },
    }),
  );
  return file;
}

const prefix = `paved_bench_page_${randomBytes(3).toString('hex')}_`;
const variants = [
  { name: 'with', cardsOn: true },
  { name: 'without', cardsOn: false },
];
for (const variant of variants) {
  variant.backend = startBackend({
    name: `bench-page-${variant.name}`,
    port: await freePort(),
    prefix,
    token: randomBytes(24).toString('base64url'),
    catalogLocations: locations,
    configFiles: [variantConfig(`bench-page-${variant.name}`, variant.cardsOn)],
  });
  // The first backend creates the databases; the second joins them.
  if (!(await variant.backend.ready(300_000))) {
    console.error(variant.backend.log.slice(-4000));
    throw new Error(`The ${variant.name} backend did not become ready`);
  }
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

// Records, in the page's own clock, when the About card appears.
const INIT_SCRIPT = () => {
  performance.setResourceTimingBufferSize(5000);
  const seen = () => {
    if (window.__aboutAt) return;
    // The catalog's About card title: a heading (Backstage UI) or, in older
    // versions, a Material UI card header.
    for (const el of document.querySelectorAll(
      'h1, h2, h3, h4, h5, .MuiCardHeader-title',
    )) {
      if (el.textContent === 'About') {
        window.__aboutAt = performance.now();
        return;
      }
    }
  };
  new MutationObserver(seen).observe(document, {
    childList: true,
    subtree: true,
  });
};

/**
 * Waits until the page is complete (no request in flight; with the cards,
 * the summary card showing its figures or an error, and no new request for
 * a second after that), then reads the page's timings.
 */
async function measure(page, cardsOn) {
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  await page
    .waitForFunction(() => window.__aboutAt !== undefined, null, {
      timeout: 60_000,
    })
    .catch(() => undefined);
  if (cardsOn) {
    // The summary's request can start after a first quiet moment.
    await page
      .locator(
        '[data-testid="paved-summary-automation"], [data-testid="paved-summary-card"] [role="alert"]',
      )
      .first()
      .waitFor({ timeout: 60_000 });
  }
  await page.waitForFunction(
    () =>
      new Promise(resolve => {
        let count = performance.getEntriesByType('resource').length;
        const check = () => {
          const now = performance.getEntriesByType('resource').length;
          if (now === count) resolve(true);
          else {
            count = now;
            setTimeout(check, 1000);
          }
        };
        setTimeout(check, 1000);
      }),
    null,
    { timeout: 60_000 },
  );
  return page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const nav = performance.getEntriesByType('navigation')[0];
    const ends = resources.map(r => r.responseEnd).concat(nav.responseEnd);
    return {
      networkIdle: Math.max(...ends),
      about: window.__aboutAt ?? NaN,
      summaryShown: !!document.querySelector(
        '[data-testid="paved-summary-automation"]',
      ),
      // What the page shows instead, when the check below fails.
      mainText: (document.querySelector('main') ?? document.body).innerText
        .replace(/\s+/g, ' ')
        .slice(0, 600),
      requests: resources.map(r => ({
        url: r.name,
        bytes: r.transferSize,
        type: r.initiatorType,
      })),
    };
  });
}

const VIEWPORT = { width: 1440, height: 1000 };

async function signIn(variant) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const { base } = variant.backend;
  await page.goto(base);
  await page.getByRole('button', { name: 'Enter' }).click({ timeout: 120_000 });
  await page
    .getByTestId('sidebar-root')
    .waitFor({ state: 'attached', timeout: 120_000 });
  console.log(`signed in as guest on the ${variant.name} backend`);
  variant.storageState = await context.storageState();
  await context.close();
}

async function load(variant) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    storageState: variant.storageState,
  });
  await context.addInitScript(INIT_SCRIPT);
  const page = await context.newPage();
  await page.goto(`${variant.backend.base}/catalog/${ENTITY}`);
  const first = await measure(page, variant.cardsOn);
  await page.reload();
  const reload = await measure(page, variant.cardsOn);
  await context.close();
  return { first, reload };
}

const results = Object.fromEntries(
  variants.map(v => [v.name, { networkIdle: [], about: [], reload: [] }]),
);
const lastRequests = {};
/** Every measured load's requests, per variant. */
const allRequests = { with: [], without: [] };
try {
  for (const variant of variants) {
    await signIn(variant);
    await load(variant); // warm the backend's caches and the catalog
  }
  for (let block = 0; block < BLOCKS; block++) {
    const order = block % 2 ? [...variants].reverse() : variants;
    for (const variant of order) {
      for (let i = 0; i < LOADS; i++) {
        const { first, reload } = await load(variant);
        const summaryExpected =
          variant.cardsOn ||
          !SWITCHED_OFF.includes('entity-card:paved/summary');
        if (first.summaryShown !== summaryExpected) {
          throw new Error(
            `The ${variant.name} page ${
              first.summaryShown ? 'shows' : 'lacks'
            } the Paved summary card: ${first.mainText}`,
          );
        }
        const r = results[variant.name];
        r.networkIdle.push(first.networkIdle);
        r.about.push(first.about);
        r.reload.push(reload.networkIdle);
        lastRequests[variant.name] = first.requests;
        allRequests[variant.name].push(first.requests);
        console.log(
          `  ${variant.name}: network idle ${first.networkIdle.toFixed(
            0,
          )} ms, About ${first.about.toFixed(
            0,
          )} ms, warm reload ${reload.networkIdle.toFixed(0)} ms`,
        );
      }
      console.log(
        `block ${block + 1}/${BLOCKS}: ${LOADS} loads ${
          variant.name
        } Paved's cards`,
      );
    }
  }
} catch (error) {
  console.error(`The benchmark failed: ${error.stack ?? error}`);
  process.exitCode = 2;
} finally {
  await browser.close();
  for (const variant of variants) {
    await variant.backend.stop();
    variant.backend.kill(); // in case it did not finish shutting down
  }
  await dropDatabases(prefix);
}
if (process.exitCode === 2) process.exit(2);

// --- report ------------------------------------------------------------------
const count = (requests, test) => requests.filter(test).length;
console.log('\nOne load of the entity page:');
for (const variant of variants) {
  const requests = lastRequests[variant.name] ?? [];
  const js = requests.filter(r => r.url.endsWith('.js'));
  console.log(
    `  ${variant.name.padEnd(7)} Paved's cards: ${requests.length} requests, ${
      js.length
    } JS chunks (${kb(
      js.reduce((s, r) => s + r.bytes, 0),
    )} transferred), ${count(requests, r =>
      r.url.includes('/ancestry'),
    )} for the entity's ancestry; to Paved: ${
      requests
        .filter(r => r.url.includes('/api/paved/'))
        .map(r => new URL(r.url).pathname.replace('/api/paved', ''))
        .join(', ') || 'none'
    }`,
  );
}
// Which requests the cards add or remove (by path, JS chunks aside; the
// median count over all measured loads, as re-renders make single loads
// differ): the first place to look when a ratio moves.
const medianByPath = loads => {
  const perLoad = loads.map(requests => {
    const counts = new Map();
    for (const r of requests) {
      if (r.url.endsWith('.js')) continue;
      const path = new URL(r.url).pathname;
      counts.set(path, (counts.get(path) ?? 0) + 1);
    }
    return counts;
  });
  const paths = new Set(perLoad.flatMap(counts => [...counts.keys()]));
  return new Map(
    [...paths].map(path => [
      path,
      median(perLoad.map(counts => counts.get(path) ?? 0)),
    ]),
  );
};
const withPaths = medianByPath(allRequests.with);
const withoutPaths = medianByPath(allRequests.without);
const differences = [...new Set([...withPaths.keys(), ...withoutPaths.keys()])]
  .map(path => [
    path,
    (withPaths.get(path) ?? 0) - (withoutPaths.get(path) ?? 0),
  ])
  .filter(([, difference]) => difference !== 0)
  .map(
    ([path, difference]) => `${difference > 0 ? '+' : ''}${difference} ${path}`,
  );
console.log(
  `  requests the cards add (+) or save (-), median of ${
    allRequests.with.length
  } loads each: ${differences.join(', ') || 'none'}`,
);

const rows = [
  ['network idle', 'networkIdle', TARGETS.networkIdle],
  ['About card visible', 'about', TARGETS.about],
  ['warm reload (network idle)', 'reload', undefined],
];
console.log(
  `\nMedians over ${BLOCKS} alternating blocks of ${LOADS} loads (ms):`,
);
console.log(
  `  ${'step'.padEnd(28)} ${'with'.padStart(8)} ${'without'.padStart(
    8,
  )} ${'ratio'.padStart(7)}  target`,
);
let missed = 0;
for (const [label, key, target] of rows) {
  const withCards = median(results.with[key]);
  const withoutCards = median(results.without[key]);
  const ratio = withCards / withoutCards;
  const verdict =
    target === undefined
      ? ''
      : ratio <= target
      ? `≤ ${target} ok`
      : `> ${target} MISSED`;
  if (target !== undefined && !(ratio <= target)) missed++;
  console.log(
    `  ${label.padEnd(28)} ${withCards.toFixed(0).padStart(8)} ${withoutCards
      .toFixed(0)
      .padStart(8)} ${ratio.toFixed(3).padStart(7)}  ${verdict}`,
  );
}
// A benchmark reports; it fails only when the targets are missed.
process.exitCode = missed ? 1 : 0;
