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

import { test, expect } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { shot, sidebarLink, signInAsGuest } from './support';

// The Platform page's product view against the running portal with the
// demo dataset (paved.demoData.enabled in app-config.yaml): the scheduled
// adoption computation over the portal's real catalog, labelled demo
// history and demo users, and the page views this browser sends.

test('the Platform page shows adoption, active users, template usage and the components off the golden path', async ({
  page,
}) => {
  await signInAsGuest(page);
  // The analytics module sends this browser's page views to Paved.
  const pageViews = page.waitForResponse(
    r =>
      r.url().includes('/api/paved/v1/analytics/page-views') &&
      r.request().method() === 'POST',
    { timeout: 30_000 },
  );
  await sidebarLink(page, 'Platform').click();
  await expect(page).toHaveURL(/\/paved$/);

  const dashboard = page.getByTestId('adoption-dashboard');
  // A portal that just started computes 20 s after the backend is up. Each
  // attempt waits for the dashboard's answer (slow on a busy machine's
  // development build) before it reloads for a newer one.
  test.setTimeout(240_000);
  const status = dashboard.getByText(
    /^(Computed \d{4}-\d\d-\d\d|Not computed yet)/,
  );
  await expect(async () => {
    await page.reload();
    await expect(status).toBeVisible({ timeout: 60_000 });
    await expect(status).toHaveText(/^Computed /, { timeout: 1_000 });
  }).toPass({ timeout: 180_000, intervals: [5_000] });

  // Funnel over the real catalog.
  const funnel = dashboard.getByRole('img', { name: /^Adoption funnel: / });
  await expect(funnel).toBeVisible();
  const label = (await funnel.getAttribute('aria-label'))!;
  const counts = [...label.matchAll(/ (\d+)(?:,|$)/g)].map(m => Number(m[1]));
  expect(counts).toHaveLength(5);
  expect(counts[0]).toBeGreaterThan(0);
  // Each stage keeps only components that passed the earlier ones.
  expect([...counts].sort((a, b) => b - a)).toEqual(counts);

  // Demo data is there and says so.
  await expect(dashboard.getByText('Includes demo data')).toBeVisible();
  await expect(dashboard.getByText(/^includes \d+ demo users$/)).toBeVisible();
  await expect(
    dashboard.getByText(/^\d+ days of demo history, measured from /),
  ).toBeVisible();
  await expect(
    dashboard.getByRole('img', { name: 'Leading indicators over time' }),
  ).toBeVisible();

  // Template usage from the scaffolder's task history.
  await expect(
    dashboard.getByRole('link', {
      name: 'TypeScript HTTP service with PostgreSQL',
    }),
  ).toBeVisible();
  await expect(dashboard.getByText(/^\d+ runs, /)).toBeVisible();

  // Paved's own components have no CI configuration in this repository.
  const offPath = dashboard.getByRole('row', { name: /^Paved backend / });
  await expect(offPath).toContainText('no CI configuration in the repository');

  const recorded = await pageViews;
  expect(recorded.status()).toBe(200);
  expect(await recorded.json()).toMatchObject({ enabled: true });

  await page.setViewportSize({ width: 1440, height: 1500 });
  await dashboard.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('platform-dashboard') });
  const docsImage = resolve(
    __dirname,
    '../../../docs/images/platform-dashboard.png',
  );
  mkdirSync(resolve(docsImage, '..'), { recursive: true });
  copyFileSync(shot('platform-dashboard'), docsImage);

  // The entity page: checks with how to fix them, and the declared SLOs.
  await offPath.getByRole('link', { name: 'Paved backend' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/paved-backend/);
  // Paved's cards are on the entity's Platform tab.
  await page.locator('nav a[href$="/platform"]').click();
  const scores = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Adoption & scores', { exact: true }) });
  await expect(scores.getByTestId('automation-score')).toHaveText(/\d+ \/ 100/);
  await expect(scores.getByTestId('check-ci-workflow')).toContainText(
    'How to fix',
  );
  const slos = page.locator('.MuiCard-root').filter({
    has: page.getByText('Service level objectives', { exact: true }),
  });
  await expect(slos.getByText('deployments-succeed')).toBeVisible();
  await expect(slos.getByText('available', { exact: true })).toBeVisible();
  await scores.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('entity-adoption') });
});
