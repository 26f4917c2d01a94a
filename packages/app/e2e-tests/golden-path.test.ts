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

/** Picks `option` (an entity's title) in the entity picker labelled `label`. */
async function pick(page: Page, label: string, option: string, ref: RegExp) {
  const input = page.getByRole('textbox', { name: label });
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option }).first().click();
  // The field then holds the entity's ref.
  await expect(input).toHaveValue(ref);
}

test('a developer creates a TypeScript service on the golden path with no GitHub account', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // data/ persists between local runs (the e2e suite in CI starts fresh),
  // so every run creates a component of its own.
  const name = `gp-e2e-${Date.now().toString(36)}`;
  await signInAsGuest(page);
  await remindMeTomorrow(page);

  // Navigate inside the app: a full page load would ask to sign in again.
  await page
    .getByTestId('sidebar-root')
    .getByRole('link', { name: /^Create/ })
    .click();
  await expect(page).toHaveURL(/\/create/);
  // The innermost card with the template's title (cards sit in a card grid).
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'TypeScript HTTP service with PostgreSQL' })
    .last();
  const choose = card.getByRole('button', { name: 'Choose' });
  await expect(choose).toBeVisible({ timeout: 60_000 });
  await choose.click();

  // Step 1: about the service. The name is checked by the form.
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await pick(page, 'Owner', 'Platform Team', /platform-team$/);
  await pick(page, 'System', 'Paved', /paved$/);
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: runtime, with the golden path's default memory limit.
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: no orchestrator is configured here, so deploy later (the default).
  await expect(page.getByText('No, deploy later')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 4: the embedded local publisher is the default.
  await expect(
    page.getByText('Local git repository (no account needed)'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task checks the name, renders the skeleton, generates and validates
  // score.yaml, publishes to data/repos and waits for the catalog.
  const open = page.getByRole('link', { name: 'Open in catalog' });
  await expect(open).toBeVisible({ timeout: 150_000 });
  await page.screenshot({ path: shot('golden-path-task'), fullPage: true });
  await open.click();

  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
  // The Score processor read ./score.yaml next to the published
  // catalog-info.yaml: the Workload card (Platform tab) shows the generated
  // workload.
  await page.locator('nav a[href$="/platform"]').click();
  await expect(page.getByText(`Score workload ${name}`)).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText('${resources.db.host}').first()).toBeVisible();
  await expect(
    page.getByRole('link', { name: /^(Platform Team|platform-team)$/ }).first(),
  ).toBeVisible();
  await page.screenshot({ path: shot('golden-path'), fullPage: true });
});
