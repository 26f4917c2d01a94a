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
 * A deployment orchestrator Paved talks to, implemented by a backend module
 * per vendor so the Paved core never names one.
 *
 * @public
 */
export interface OrchestratorProvider {
  /** Stable id, unique among the registered providers (e.g. `humanitec`). */
  readonly id: string;
  /** Human readable name shown in the portal. */
  readonly title: string;
  /** The kind of orchestrator, e.g. `platform-orchestrator`. */
  readonly type: string;
}
