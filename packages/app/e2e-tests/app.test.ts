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
import { shot, sidebarLink, signInAsGuest } from './support';

test('guest signs in and finds Paved in the catalog', async ({ page }) => {
  await signInAsGuest(page);

  // The catalog is the landing page and lists Paved's own components.
  await expect(sidebarLink(page, 'Platform')).toBeVisible();
  const backendLink = page.getByRole('link', { name: 'Paved backend' });
  await expect(backendLink).toBeVisible();
  await page.screenshot({ path: shot('catalog'), fullPage: true });

  // Its entity page shows the owner and the system from catalog-info.yaml.
  await backendLink.click();
  await expect(
    page.getByRole('heading', { name: 'Paved backend' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /platform.team/i }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /^paved$/i }).first(),
  ).toBeVisible();
  await page.screenshot({ path: shot('entity-page'), fullPage: true });
});

test('the Platform page shows what the backend reports', async ({ page }) => {
  await signInAsGuest(page);

  await sidebarLink(page, 'Platform').click();
  await expect(page).toHaveURL(/\/paved$/);
  await expect(
    page.getByRole('heading', { name: 'Platform', level: 1 }),
  ).toBeVisible();

  // Values come from GET /api/paved/v1/info on the running backend.
  await expect(page.getByText('Paved version')).toBeVisible();
  await expect(page.getByText('SQLite (embedded)')).toBeVisible();
  // The development portal registers the in-memory example provider
  // (app-config.yaml, paved.orchestrators.example).
  await expect(
    page.getByRole('cell', { name: 'Example orchestrator (in memory)' }),
  ).toBeVisible();
  await page.screenshot({ path: shot('platform-page'), fullPage: true });
});

test('a Score workload shows its Workload card and dependency graph', async ({
  page,
}) => {
  await signInAsGuest(page);

  // orders-service comes from examples/score/orders.score.yaml through the
  // Score catalog processor; nobody wrote a catalog-info.yaml for it.
  await page.getByRole('link', { name: 'orders-service' }).click();
  await expect(
    page.getByRole('heading', { name: 'orders-service' }).first(),
  ).toBeVisible();

  // Paved's cards are on the entity's Platform tab.
  await page.locator('nav a[href$="/platform"]').click();
  const card = page.locator('article, div').filter({
    has: page.getByText('Score workload orders-service'),
  });
  await expect(page.getByText('Score workload orders-service')).toBeVisible();
  await expect(
    card.getByText('ghcr.io/paved-demo/orders-service:3.0.1').first(),
  ).toBeVisible();
  // The password comes from the database resource, linked to its entity.
  await expect(
    page.getByRole('link', { name: '${resources.db.password}' }),
  ).toHaveAttribute('href', '/catalog/default/resource/postgres-shop-db');

  // The relations graph (on the Overview) shows the dependencies the
  // processor emitted.
  await page.locator('nav a').getByText('Overview', { exact: true }).click();
  const graph = page.locator('svg#dependency-graph, svg').filter({
    hasText: 'postgres shop-db',
  });
  await expect(graph.first()).toBeVisible();
  await expect(graph.first().getByText('catalog-api').first()).toBeVisible();
  await page.screenshot({ path: shot('workload-page'), fullPage: true });
});
