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

import { test, expect, Page } from '@playwright/test';
import { remindMeTomorrow, shot, signInAsGuest } from './support';

// The entity page of a demo component, as a newcomer sees it on first
// start: the Paved summary card near the top of the Overview, and the
// Platform tab with the full cards. The demo ledger
// (plugins/paved-backend-module-demo-data) gives every card numbers; an
// empty state in any of them fails the test.

const COMPONENT = 'orders-service';

async function openComponent(page: Page) {
  await signInAsGuest(page);
  await remindMeTomorrow(page);
  // The catalog table re-renders while it loads: retry the click until the
  // entity page is open.
  await expect(async () => {
    await page.getByRole('link', { name: COMPONENT }).click({ timeout: 5_000 });
    await expect(
      page.getByRole('heading', { name: COMPONENT }).first(),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
}

test('the Overview leads with the Paved summary card', async ({ page }) => {
  await openComponent(page);
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Paved', { exact: true }) });
  await expect(card.getByTestId('paved-summary-automation')).toHaveText(
    /^\d+ \/ 100$/,
  );
  await expect(card.getByTestId('paved-summary-incidents')).toHaveText(/^\d+/);
  // Bands, not "No data", for the four keys.
  await expect(
    card
      .getByTestId('paved-summary-dora')
      .getByText(/^(Elite|High|Medium|Low)$/),
  ).toHaveCount(4);
  await expect(card.getByTestId('paved-summary-deployment')).toHaveText(
    / to \w+/,
  );
  // Paved's full cards are on the Platform tab, not on the Overview.
  await expect(page.getByText('DORA metrics', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: shot('entity-overview') });

  await card.getByRole('link', { name: /DORA, deployments, scores/ }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${COMPONENT}/platform$`),
  );
});

test('the Platform tab shows numbers in every card', async ({ page }) => {
  await openComponent(page);
  // The entity page's tab (a link in its header nav), not the sidebar item.
  await page.locator('nav a[href$="/platform"]').click();
  await expect(page).toHaveURL(/\/platform$/);

  const dora = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('DORA metrics', { exact: true }) });
  for (const key of [
    'Deployment frequency',
    'Lead time for changes',
    'Change failure rate',
    'Failed deployment recovery time',
  ]) {
    await expect(dora.getByRole('group', { name: key })).toBeVisible();
  }
  const scores = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Adoption & scores', { exact: true }) });
  await expect(scores.getByTestId('automation-score')).toHaveText(/\d+ \/ 100/);

  // Every card on the tab (the outermost ones): numbers, no empty state.
  const cards = page.locator('main .MuiGrid-item > .MuiCard-root');
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  expect(count).toBeGreaterThanOrEqual(4);
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    await card.scrollIntoViewIfNeeded();
    const title = await card
      .locator('.MuiCardHeader-title')
      .first()
      .innerText();
    await expect(
      card.locator('[class*="BackstageEmptyState-root"]'),
      title,
    ).toHaveCount(0);
    await expect(card, title).toHaveText(/\d/);
  }
  await page.screenshot({ path: shot('entity-platform-tab'), fullPage: true });
});
