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

/**
 * An orchestrator provider as reported by the info route. Secrets such as
 * tokens are never part of it.
 *
 * @public
 */
export type PavedProviderInfo = {
  /** Stable id of the provider instance, e.g. `humanitec`. */
  id: string;
  /** Human readable name shown in the portal. */
  title: string;
  /** Kind of orchestrator the provider talks to. */
  type: string;
};

/**
 * Answer of `GET /api/paved/v1/info`.
 *
 * @public
 */
export type PavedInfo = {
  /** Version of the `@paved/plugin-paved-backend` package. */
  version: string;
  /** Orchestrator providers registered through the extension point. */
  providers: PavedProviderInfo[];
  /** Database engine the ledger runs on, e.g. `sqlite` or `postgres`. */
  database: 'sqlite' | 'postgres' | 'mysql' | 'other';
  /** When this Paved installation first started (ISO 8601). */
  installedAt: string;
  /** Whether the demo dataset is switched on in config. */
  demoData: boolean;
};
