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
  paved?: {
    /** Who may do what in Paved, read by the Paved permission policy. */
    permissions?: {
      /**
       * Entity refs of the groups and users who may do everything in Paved
       * (the platform team), e.g. `group:default/platform-team`. Members
       * of these groups, and of their child groups, count.
       */
      admins?: string[];
      /**
       * Entity refs of the groups and users who may deploy to production
       * environments through an orchestrator. They also need to own the
       * entity they deploy (admins need neither).
       */
      productionDeployers?: string[];
      /**
       * How long a caller's resolved ownership (their groups and those
       * groups' parents) is reused before the catalog is asked again, in
       * seconds. Default 60; 0 asks on every decision.
       */
      ownershipCacheSeconds?: number;
    };
  };
}
