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
    orchestrators?: {
      /**
       * The in-memory example provider (development and tests only: it
       * keeps state in memory and runs nothing). Present = registered.
       */
      example?: {
        /**
         * False: not registered even though the block is present (lets
         * app-config.production.yaml switch off the development portal's).
         */
        enabled?: boolean;
        /**
         * Records a few labelled demo runs of this project at start (the
         * demo ledger's orchestrator runs), unless paved.demoData.enabled
         * is false.
         */
        demoRuns?: {
          projectId: string;
        };
        /** Provider id; default `example`. */
        id?: string;
        title?: string;
        /** Environment types counted as production; default [production]. */
        productionEnvironmentTypes?: string[];
        /**
         * An environment's address, `{project}` and `{environment}`
         * replaced; default `http://{environment}.{project}.localhost`.
         */
        environmentUrlTemplate?: string;
      };
    };
  };
}
