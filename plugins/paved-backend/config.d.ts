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

export interface Config {
  /** Configuration of the Paved plugin family. */
  paved?: {
    demoData?: {
      /**
       * Show the clearly labelled demo dataset (example workloads, survey
       * answers) so a new portal has something to look at. Switch off in
       * production.
       * @visibility frontend
       */
      enabled?: boolean;
    };
    /** Developer satisfaction surveys (see docs/surveys.md). */
    surveys?: {
      /**
       * Key of the HMAC that turns "who answered" into a hash used only to
       * deduplicate answers. Without it Paved generates a random secret once
       * and keeps it in its database (table paved_secrets). Changing it
       * makes everyone able to answer the current period once more.
       * @visibility secret
       */
      secret?: string;
    };
  };
}
