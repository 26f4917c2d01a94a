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
import { remindMeTomorrow, shot, sidebarLink, signInAsGuest } from './support';

// The feedback board against the running portal. The portal's database is
// shared and persistent, so each run submits its own uniquely titled
// request. The guest is in the platform team, so it may also triage; as
// submitter and voter it is notified when the request ships.

test('submit a request, vote for it, see the count, ship it and hear about it', async ({
  page,
}) => {
  // Four triage steps and a notification on top of the usual flow.
  test.setTimeout(180_000);
  const title = `E2E feedback ${Date.now()}`;
  await signInAsGuest(page);
  await remindMeTomorrow(page);
  await sidebarLink(page, 'Feedback').click();
  await expect(page).toHaveURL(/\/paved\/feedback$/);

  await page.getByRole('button', { name: 'Submit feedback' }).click();
  const submit = page.getByRole('dialog');
  await submit.getByLabel(/^Title/).fill(title);
  await submit
    .getByLabel(/What is the pain point/)
    .fill('Waiting for builds slows every review.');
  await submit.getByLabel(/Area/).fill('ci');
  await submit.getByRole('button', { name: 'Submit', exact: true }).click();

  // The new request opens; its URL is the one notifications link to.
  await expect(page).toHaveURL(/\/paved\/feedback\?request=[0-9a-f-]{36}$/);
  const detail = page.getByRole('dialog');
  await expect(detail.getByRole('heading', { name: title })).toBeVisible();
  await detail
    .getByRole('button', { name: `Vote for ${title} (0 votes)` })
    .click();
  await expect(
    detail.getByRole('button', {
      name: `Withdraw vote for ${title} (1 votes)`,
    }),
  ).toBeVisible();

  // The board counts the vote.
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Search' }).fill(title);
  const row = page.getByTestId('feedback-request').filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(
    row.getByRole('button', { name: `Withdraw vote for ${title} (1 votes)` }),
  ).toHaveText('1');
  await page.screenshot({ path: shot('feedback-board') });

  // Triage it through to shipped.
  await row.getByRole('button', { name: title, exact: true }).click();
  const triage = page.getByRole('region', { name: 'Triage' });
  for (const status of ['Under review', 'Planned', 'In progress', 'Shipped']) {
    await triage.getByLabel('Move to').click();
    await page.getByRole('option', { name: status, exact: true }).click();
    await triage.getByRole('button', { name: 'Save' }).click();
    // The status chip (the select now reads "Keep <status>").
    await expect(
      page.getByRole('dialog').getByText(status, { exact: true }),
    ).toBeVisible();
  }

  // Submitter and voter: the shipped notification is there, linking back.
  await page.goto('/notifications');
  const notification = page.getByText(`Shipped: ${title}`);
  await expect(notification).toBeVisible();
  await page.screenshot({ path: shot('feedback-notification') });
});
