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
}

/** Reads `paved.score.*`; every key is optional. */
export function readScoreProcessorSettings(
  config: Config | undefined,
): ScoreProcessorSettings {
  const score = config?.getOptionalConfig('paved.score');
  const defaults = score?.getOptionalConfig('defaults');
  return {
    defaults: {
      owner: defaults?.getOptionalString('owner'),
      system: defaults?.getOptionalString('system'),
      lifecycle: defaults?.getOptionalString('lifecycle'),
      type: defaults?.getOptionalString('type'),
      namespace: defaults?.getOptionalString('namespace'),
    },
    limits: {
      maxBytes: score?.getOptionalNumber('maxFileBytes'),
      maxAliasCount: score?.getOptionalNumber('maxAliasCount'),
      maxDepth: score?.getOptionalNumber('maxDepth'),
    },
    maxWorkloadAnnotationBytes: score?.getOptionalNumber(
      'maxWorkloadAnnotationBytes',
    ),
  };
}
