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
import { remindMeTomorrow, shot, sidebarLink, signInAsGuest } from './support';

// The monthly platform report and its notification against the running
// portal. The demo guest is in platform-team, the configured recipient
// (paved.report.recipients), so the report task has notified them about
// last month; the database is shared and persistent, so the test reads
// what is there rather than recording data.

const lastMonth = () => {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
};

test.setTimeout(180_000);

test('the report page shows a month with every section and links', async ({
  page,
}) => {
  await signInAsGuest(page);
  await remindMeTomorrow(page);
  const month = lastMonth();
  // Client-side navigation: the page opens on last month by default.
  const answer = page.waitForResponse(
    r => r.url().includes(`/api/paved/v1/report?month=${month}`) && r.ok(),
    { timeout: 60_000 },
  );
  await sidebarLink(page, 'Platform report').click();
  await answer;
  await expect(page.getByRole('textbox', { name: 'Month' })).toHaveValue(month);
  for (const title of [
    'Summary',
    'DORA per team',
    'Developer satisfaction (NPS)',
    'Adoption',
    'Score distributions',
    'SLOs and error budgets',
    'Roadmap: shipped this month and next',
    'Top-voted requests',
  ]) {
    await expect(page.getByRole('region', { name: title })).toBeVisible();
  }
  // Three summary sentences, each ending with a full stop.
  await expect(
    page.getByRole('region', { name: 'Summary' }).locator('p'),
  ).toHaveCount(3);
  // The organisation's deployments link to the DORA view they come from.
  const dora = page.getByRole('region', { name: 'DORA per team' });
  await expect(
    dora.getByRole('link', { name: 'Organisation' }),
  ).toHaveAttribute('href', '/paved');
  await page.screenshot({ path: shot('platform-report'), fullPage: true });

  // The month picker asks the backend for another month.
  const before = page.waitForResponse(
    r => r.url().includes('/api/paved/v1/report?month=2026-01') && r.ok(),
  );
  await page.getByRole('textbox', { name: 'Month' }).fill('2026-01');
  await before;
  await expect(page).toHaveURL(/month=2026-01/);
});

test('the report notification links to the report, and its topic can be switched off', async ({
  page,
}) => {
  await signInAsGuest(page);
  await remindMeTomorrow(page);
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: /Notifications/ })
    .click();
  const title = `Platform report for ${new Date(
    `${lastMonth()}-01T00:00:00Z`,
  ).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })}`;
  await expect(page.getByText(title).first()).toBeVisible({ timeout: 30_000 });

  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: 'Settings', exact: true })
    .click();
  // The settings tab (the sidebar item carries the unread count too).
  await page
    .locator('[role="tab"], a')
    .filter({ hasText: /^Notifications$/ })
    .last()
    .click();
  await expect(page.getByText('Paved').first()).toBeVisible({
    timeout: 30_000,
  });
  // Paved's topics are listed under its origin, each with its own switch.
  const paved = page.getByRole('row').filter({ hasText: 'Paved' }).first();
  await paved.getByRole('button').first().click();
  for (const topic of ['Monthly platform report', 'Survey invitations']) {
    const row = page.getByRole('row').filter({ hasText: topic });
    await expect(row).toBeVisible();
    await expect(row.locator('input[type="checkbox"]')).toHaveCount(1);
  }
  await page.screenshot({ path: shot('notification-settings') });
});
