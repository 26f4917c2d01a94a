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
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { shot, sidebarLink, signInAsGuest } from './support';

test('the roadmap shows Now / Next / Later / Shipped and a shipped item before → after', async ({
  page,
}) => {
  await signInAsGuest(page);
  await sidebarLink(page, 'Roadmap').click();
  await expect(page).toHaveURL(/\/paved\/roadmap$/);

  for (const [horizon, title] of [
    ['now', 'Now'],
    ['next', 'Next'],
    ['later', 'Later'],
    ['shipped', 'Shipped'],
  ]) {
    await expect(
      page
        .getByTestId(`roadmap-column-${horizon}`)
        .getByRole('heading', { name: new RegExp(`^${title} \\(\\d+\\)$`) }),
    ).toBeVisible({ timeout: 30_000 });
  }

  // The demo's shipped item: automation score from the adoption snapshots
  // of the 28 days before and after its ship date, with the components
  // counted (demo snapshots move with today's date, so no fixed numbers).
  const shipped = page
    .getByTestId('roadmap-column-shipped')
    .getByTestId('roadmap-item-score-everywhere');
  await expect(shipped.getByText('Target ≥ 60')).toBeVisible();
  for (const side of ['roadmap-before', 'roadmap-after']) {
    const value = shipped.getByTestId(side);
    await expect(value.getByText(/^\d+(\.\d)?$/)).toBeVisible();
    await expect(
      value.getByText(/^\d+ components \(demo data\)$/),
    ).toBeVisible();
  }
  await expect(
    page
      .getByTestId('roadmap-item-preview-environments')
      .getByRole('link', { name: 'Request 1' }),
  ).toHaveAttribute('href', '/paved/feedback?request=1');

  await page.screenshot({
    path: resolve(__dirname, '../../../docs/images/roadmap.png'),
    fullPage: true,
  });
  await page.screenshot({ path: shot('roadmap') });

  // The item's entity page shows the same outcome in its card.
  await shipped
    .getByRole('link', {
      name: 'Score files generated for every service (demo)',
    })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/roadmapitem\/score-everywhere/,
  );
  await expect(page.getByText('Horizon: shipped')).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page
      .getByTestId('roadmap-after')
      .getByText(/^\d+ components \(demo data\)$/),
  ).toBeVisible();
  await page.screenshot({ path: shot('roadmap-item-entity') });
});
