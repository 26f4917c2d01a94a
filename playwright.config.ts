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

import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

// Debian's Chromium (apt-get install chromium); Playwright's own browser
// download is not used. The flags keep it from reaching out to the network.
const chromium = {
  executablePath: process.env.PAVED_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },

  // scripts/test-e2e.sh starts the portal first and checks its log; running
  // `yarn test:e2e` alone starts it here if it is not up yet.
  webServer: [
    {
      command: 'bash scripts/start.sh',
      url: 'http://localhost:3000',
      reuseExistingServer: true,
      timeout: 240_000,
    },
  ],

  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],

  use: {
    actionTimeout: 30_000,
    // localhost, not 127.0.0.1: guest sign-in is bound to the app's origin.
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },

  outputDir: 'e2e-artifacts/results',

  projects: generateProjects().map(project => ({
    ...project,
    use: { launchOptions: chromium },
  })),
});
