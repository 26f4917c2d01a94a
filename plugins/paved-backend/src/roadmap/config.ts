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
import { MAX_ROADMAP_WINDOW_DAYS } from './RoadmapService';

/** Default length of the windows before and after a ship date. */
export const DEFAULT_ROADMAP_WINDOW_DAYS = 28;

/** Reads `paved.roadmap.windowDays`; a bad value stops the backend naming the key. */
export function readRoadmapWindowDays(config: Config): number {
  const days =
    config.getOptionalNumber('paved.roadmap.windowDays') ??
    DEFAULT_ROADMAP_WINDOW_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_ROADMAP_WINDOW_DAYS) {
    throw new Error(
      `paved.roadmap.windowDays must be a whole number from 1 to ${MAX_ROADMAP_WINDOW_DAYS}, got ${days}`,
    );
  }
  return days;
}
