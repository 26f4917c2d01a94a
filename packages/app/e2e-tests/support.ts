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

import { expect, Page } from '@playwright/test';
import { resolve } from 'node:path';

/** Where a screenshot goes: the git-ignored e2e-artifacts/ folder at the repo root. */
export const shot = (name: string) =>
  resolve(__dirname, '../../../e2e-artifacts/screenshots', `${name}.png`);

/** The sidebar link with exactly this name. */
export const sidebarLink = (page: Page, name: string) =>
  page.getByTestId('sidebar-root').getByRole('link', { name, exact: true });

/**
 * Enters the portal as guest. A backend that is still starting can refuse
 * the first guest sign-in, so the click is retried until the app shell
 * appears.
 */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enterButton = page.getByRole('button', { name: 'Enter' });
  const catalogLink = sidebarLink(page, 'Catalog');
  await expect(async () => {
    if (await enterButton.isVisible()) {
      await enterButton.click();
    }
    await expect(catalogLink).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Puts off the developer survey prompt, as someone busy with something else
 * would: on a fresh portal it appears for the demo survey and sits in the
 * corner of the page. It loads after sign-in, so give it a moment.
 */
export async function remindMeTomorrow(page: Page) {
  const later = page
    .getByTestId('survey-prompt')
    .getByRole('button', { name: 'Remind me tomorrow' });
  try {
    await later.waitFor({ state: 'visible', timeout: 5_000 });
  } catch {
    return; // no prompt: nothing to put off
  }
  await later.click();
  await expect(page.getByTestId('survey-prompt')).toBeHidden();
}
