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
import type {
  AnalyticsEvent,
  AnalyticsImplementation,
} from '@backstage/frontend-plugin-api';
import { PageViewEvent, PavedApi } from '@paved/plugin-paved-common';

/** Reads `paved.analytics.enabled` (frontend-visible config). */
type ConfigReader = {
  getOptionalBoolean(key: string): boolean | undefined;
};

const MAX_BATCH = 100;

/**
 * Backstage analytics implementation that forwards page views (`navigate`
 * events) to Paved for the weekly and monthly active-user counts. Only the
 * plugin id and the time leave the browser; the backend takes the user
 * entity ref from the caller's credentials and keeps nothing else (no
 * paths, no attributes). Events are batched; failures are dropped quietly,
 * since analytics must never disturb the portal.
 *
 * Switched off with `paved.analytics.enabled: false`.
 *
 * @public
 */
export class PavedAnalytics implements AnalyticsImplementation {
  readonly #api: Pick<PavedApi, 'recordPageViews'>;
  readonly #enabled: boolean;
  readonly #flushMs: number;
  #queue: PageViewEvent[] = [];
  #timer?: ReturnType<typeof setTimeout>;

  static fromConfig(
    config: ConfigReader,
    options: { api: Pick<PavedApi, 'recordPageViews'>; flushMs?: number },
  ): PavedAnalytics {
    return new PavedAnalytics({
      ...options,
      enabled: config.getOptionalBoolean('paved.analytics.enabled') ?? true,
    });
  }

  constructor(options: {
    api: Pick<PavedApi, 'recordPageViews'>;
    enabled: boolean;
    /** How long events wait to be sent together. Default 5 s. */
    flushMs?: number;
  }) {
    this.#api = options.api;
    this.#enabled = options.enabled;
    this.#flushMs = options.flushMs ?? 5000;
    if (this.#enabled && typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') void this.flush();
      });
    }
  }

  captureEvent(event: AnalyticsEvent): void {
    if (!this.#enabled || event.action !== 'navigate') return;
    const pluginId = event.context?.pluginId;
    this.#queue.push({
      ...(pluginId ? { pluginId } : {}),
      at: new Date().toISOString(),
    });
    if (this.#queue.length >= MAX_BATCH) {
      void this.flush();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => void this.flush(), this.#flushMs);
    }
  }

  /** Sends what is queued now. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    const events = this.#queue.splice(0, MAX_BATCH);
    if (!events.length) return;
    try {
      await this.#api.recordPageViews(events);
    } catch {
      // Not signed in yet, backend restarting, analytics denied: the page
      // views are dropped rather than retried.
    }
  }
}
