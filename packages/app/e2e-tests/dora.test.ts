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

// The DORA views against the running portal. The portal's database is
// shared and persistent, so the tests do not record deployments; they check
// that the card and the organisation view load real answers from the
// backend and say how to get data in when a window has none.

const TITLES = [
  'Deployment frequency',
  'Lead time for changes',
  'Change failure rate',
  'Failed deployment recovery time',
];

test('the Platform page shows the organisation DORA view', async ({ page }) => {
  await signInAsGuest(page);
  await sidebarLink(page, 'Platform').click();
  await expect(page).toHaveURL(/\/paved$/);

  // The organisation's four keys (the adoption dashboard above has none of
  // these groups).
  for (const title of TITLES) {
    await expect(page.getByRole('group', { name: title })).toBeVisible();
  }
  await expect(
    page.getByText(/\(UTC\) · \d+ components? with data/),
  ).toBeVisible();
  // The window selector asks the backend for another window.
  const answer = page.waitForResponse(
    r => r.url().includes('/api/paved/v1/dora/organisation?days=90') && r.ok(),
  );
  await page.getByRole('button', { name: 'Window' }).click();
  await page.getByRole('option', { name: 'Last 90 days' }).click();
  await answer;
  await expect(
    page.getByRole('button', { name: /^teams \(\d+\)$/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^components \(\d+\)$/ }).click();
  await expect(page.getByText('Bands of the components')).toBeVisible();
  await page
    .getByRole('group', { name: 'Deployment frequency' })
    .scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('platform-dora') });
});

test('a component page has the DORA card', async ({ page }) => {
  await signInAsGuest(page);
  await page.getByRole('link', { name: 'orders-service' }).click();
  await expect(
    page.getByRole('heading', { name: 'orders-service' }).first(),
  ).toBeVisible();

  // Paved's cards are on the entity's Platform tab.
  await page.locator('nav a[href$="/platform"]').click();
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('DORA metrics', { exact: true }) });
  await expect(card).toBeVisible();
  // Either the four keys, or how to record deployments for this component.
  await expect(
    card
      .getByRole('group', { name: 'Deployment frequency' })
      .or(
        card.getByText(
          /paved deploy record --entity component:default\/orders-service/,
        ),
      ),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('entity-dora') });
});
