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

import { Config } from '@backstage/config';
import {
  ScoreEntityDefaults,
  ScoreParseOptions,
} from '@paved/plugin-paved-common';

/**
 * Settings of the {@link ScoreProcessor}, from `paved.score.*` in app-config.
 *
 * @public
 */
export interface ScoreProcessorSettings {
  defaults: ScoreEntityDefaults;
  limits: ScoreParseOptions;
  maxWorkloadAnnotationBytes?: number;
  /** Most workloads (YAML documents) one Score file may hold. Default 50. */
  maxWorkloadsPerFile?: number;
}

/** Default of `paved.score.maxWorkloadsPerFile`. */
export const DEFAULT_MAX_WORKLOADS_PER_FILE = 50;

/**
 * Reads `paved.score.*`; every key is optional. Keys that are not set are
 * left out rather than set to undefined: the parser spreads the limits over
 * its defaults, and an undefined would switch a limit off.
 */
export function readScoreProcessorSettings(
  config: Config | undefined,
): ScoreProcessorSettings {
  const score = config?.getOptionalConfig('paved.score');
  const defaults = score?.getOptionalConfig('defaults');
  return {
    defaults: definedOnly({
      owner: defaults?.getOptionalString('owner'),
      system: defaults?.getOptionalString('system'),
      lifecycle: defaults?.getOptionalString('lifecycle'),
      type: defaults?.getOptionalString('type'),
      namespace: defaults?.getOptionalString('namespace'),
    }),
    limits: definedOnly({
      maxBytes: positive(score, 'maxFileBytes'),
      maxAliasCount: positive(score, 'maxAliasCount'),
      maxDepth: positive(score, 'maxDepth'),
    }),
    ...definedOnly({
      maxWorkloadAnnotationBytes: positive(score, 'maxWorkloadAnnotationBytes'),
      maxWorkloadsPerFile: positive(score, 'maxWorkloadsPerFile'),
    }),
  };
}

function positive(config: Config | undefined, key: string) {
  const value = config?.getOptionalNumber(key);
  if (value !== undefined && !(value > 0)) {
    throw new Error(`paved.score.${key} must be a positive number`);
  }
  return value;
}

function definedOnly<T extends object>(values: T): T {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as T;
}
