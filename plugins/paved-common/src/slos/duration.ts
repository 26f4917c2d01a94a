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

const UNITS: Record<string, number> = {
  m: 60,
  h: 3600,
  d: 86400,
  w: 7 * 86400,
};

/**
 * Seconds of a duration like `90m`, `24h`, `30d` or `4w`; undefined when it
 * is not one.
 *
 * @public
 */
export function parseSloDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/.exec(text);
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNITS[match[2]];
  return seconds > 0 ? seconds : undefined;
}

/**
 * A duration in seconds as the shortest exact text (`7d`, `36h`, `90m`).
 *
 * @public
 */
export function formatSloDuration(seconds: number): string {
  for (const unit of ['w', 'd', 'h', 'm']) {
    if (seconds % UNITS[unit] === 0) return `${seconds / UNITS[unit]}${unit}`;
  }
  return `${Math.round(seconds / 60)}m`;
}
