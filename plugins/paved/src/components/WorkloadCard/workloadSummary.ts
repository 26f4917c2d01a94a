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
import { Entity } from '@backstage/catalog-model';
import {
  SCORE_ANNOTATIONS,
  ScoreWorkloadSummary,
} from '@paved/plugin-paved-common';

/**
 * Whether the entity was described by a Score file and carries the workload
 * summary the Score catalog processor writes.
 *
 * @public
 */
export function isScoreWorkloadAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreWorkload],
  );
}

/**
 * Reads the workload summary annotation; undefined when it is missing or
 * not the JSON shape this card understands.
 */
export function readWorkloadSummary(
  entity: Entity,
): ScoreWorkloadSummary | undefined {
  const raw = entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreWorkload];
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw);
    if (
      value?.v === 1 &&
      typeof value.containers === 'object' &&
      typeof value.resources === 'object'
    ) {
      return { ports: {}, ...value } as ScoreWorkloadSummary;
    }
  } catch {
    // An unreadable annotation shows as "no workload" rather than breaking
    // the entity page.
  }
  return undefined;
}

/** The Score file as a link target, when it is a browsable URL. */
export function scoreFileUrl(entity: Entity): string | undefined {
  const value = entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreFile];
  return value && /^https?:\/\//.test(value) ? value : undefined;
}
