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

import { test, expect, APIRequestContext } from '@playwright/test';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { remindMeTomorrow, shot, signInAsGuest } from './support';

// A pull request preview, end to end in the running development portal: a
// signed GitHub pull_request webhook reaches the backend's intake, the
// preview reconciler deploys component preview-demo's Score file
// (examples/previews) to environment pr-<n> of the in-memory example
// orchestrator (paved.orchestrators.example in app-config.yaml), and the
// Deployments card shows it; closing the pull request removes it. Nothing
// is faked in the browser. The portal's GitHub webhook secret has no
// default (a default in app-config.yaml would also apply in production),
// so start the portal and run this test with the same
// PAVED_GITHUB_WEBHOOK_SECRET (docs/deployments.md#try-it-in-the-development-portal).

const COMPONENT = 'preview-demo';
const REPOSITORY = 'paved-demo/preview-demo';
const BACKEND = process.env.PAVED_BACKEND_URL ?? 'http://localhost:7007';
const SECRET = process.env.PAVED_GITHUB_WEBHOOK_SECRET;
const fixture = resolve(
  __dirname,
  '../../../plugins/paved-backend/src/previews/__fixtures__/github-pull_request-opened.json',
);

/** GitHub's pull_request payload (the vendored one) for this pull request. */
function pullRequest(action: 'opened' | 'closed', number: number) {
  const body = JSON.parse(readFileSync(fixture, 'utf8'));
  body.action = action;
  body.number = number;
  body.pull_request.number = number;
  body.pull_request.title = `Preview try-out ${number}`;
  body.pull_request.html_url = `https://github.com/${REPOSITORY}/pull/${number}`;
  body.pull_request.head.sha = createHmac('sha1', String(number))
    .update(action)
    .digest('hex');
  body.pull_request.updated_at = new Date().toISOString();
  body.pull_request.state = action === 'closed' ? 'closed' : 'open';
  body.repository.full_name = REPOSITORY;
  return JSON.stringify(body);
}

async function postWebhook(request: APIRequestContext, body: string) {
  const response = await request.post(
    `${BACKEND}/api/paved/v1/webhooks/github`,
    {
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'pull_request',
        'X-GitHub-Delivery': randomUUID(),
        'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET!)
          .update(body)
          .digest('hex')}`,
      },
      data: body,
    },
  );
  expect(
    response.status(),
    `GitHub webhook intake answered ${response.status()}: ${await response.text()} (404: the portal has no PAVED_GITHUB_WEBHOOK_SECRET)`,
  ).toBeLessThan(300);
}

test('a pull request gets a preview on the Deployments card and loses it when closed', async ({
  page,
  request,
}) => {
  expect(
    SECRET,
    'Set PAVED_GITHUB_WEBHOOK_SECRET to the secret the development portal was started with',
  ).toBeTruthy();
  // A number of its own per run, so earlier runs' previews do not count.
  const number = 1000 + (Date.now() % 900_000);
  const url = `http://pr-${number}.${COMPONENT}.localhost`;
  await postWebhook(request, pullRequest('opened', number));

  // Each wait below gives a busy machine's development build time to load.
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await remindMeTomorrow(page);
  const previews = page.getByTestId('paved-previews');
  const row = previews.getByRole('row').filter({ hasText: `#${number}` });
  // The reconciler works in the background: reload until it is live.
  await expect(async () => {
    await page.goto(`/catalog/default/component/${COMPONENT}/platform`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('live', { timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [3_000] });
  await expect(row).toContainText(`Preview try-out ${number}`);
  await expect(row).toContainText(`pr-${number}`);
  const link = row.getByRole('link', { name: url });
  await expect(link).toHaveAttribute('href', url);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('deployments-previews'), fullPage: true });

  await postWebhook(request, pullRequest('closed', number));
  await expect(async () => {
    await page.goto(`/catalog/default/component/${COMPONENT}/platform`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toContainText('removed', { timeout: 2_000 });
  }).toPass({ timeout: 90_000, intervals: [3_000] });
  await expect(row.getByRole('link', { name: url })).toHaveCount(0);
});
