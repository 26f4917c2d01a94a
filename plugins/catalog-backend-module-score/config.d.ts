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
    /** Settings of the Score catalog processor (`@paved/plugin-catalog-backend-module-score`). */
    score?: {
      /** Component fields used when a Score file does not set them in `metadata.annotations`. */
      defaults?: {
        /** Owner entity ref. Default: `unknown`. */
        owner?: string;
        /** System entity ref. Default: none. */
        system?: string;
        /** Default: `experimental`. */
        lifecycle?: string;
        /** Component type. Default: `service`. */
        type?: string;
        /** Namespace of the emitted entities. Default: `default`. */
        namespace?: string;
      };
      /** Largest Score file accepted, in bytes. Default: 1048576 (1 MiB). */
      maxFileBytes?: number;
      /** Most YAML alias expansions per document (alias bomb guard). Default: 100. */
      maxAliasCount?: number;
      /** Deepest YAML nesting accepted. Default: 64. */
      maxDepth?: number;
      /** Size limit of the `paved.dev/score-workload` annotation, in bytes. Default: 32768. */
      maxWorkloadAnnotationBytes?: number;
      /** Most workloads (YAML documents) in one Score file. Default: 50. */
      maxWorkloadsPerFile?: number;
    };
  };
}
