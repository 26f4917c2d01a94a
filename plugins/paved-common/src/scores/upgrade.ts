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

import { isRecord } from './paths';

/** A problem found while upgrading, located by its original path. */
export interface UpgradeNotice {
  path: Array<string | number>;
  message: string;
  severity: 'error' | 'warning';
  /** Point at the key rather than the value. */
  key?: boolean;
}

/**
 * Maps an upgraded path prefix (`containers/<c>/files/<target>`) back to the
 * array index it was written at, so problems point at the right line.
 */
export type UpgradeAliases = Map<string, number>;

export function aliasKey(
  container: string,
  field: string,
  target: string,
): string {
  return `${container}\u0000${field}\u0000${target}`;
}

/**
 * Upgrades the deprecated array forms of `containers.*.files` and
 * `containers.*.volumes` in place, the way score-go's
 * `schema.ApplyCommonUpgradeTransforms` does (used by score-compose and
 * score-k8s): array items become map entries keyed by their `target`,
 * array-valued file `content` is joined with newlines and the volume field
 * `read_only` becomes `readOnly`. Unlike score-go, a duplicated target is
 * reported instead of silently keeping the last item.
 */
export function upgradeDeprecatedForms(
  workload: Record<string, unknown>,
  notices: UpgradeNotice[],
): UpgradeAliases {
  const aliases: UpgradeAliases = new Map();
  const containers = workload.containers;
  if (!isRecord(containers)) {
    return aliases;
  }
  for (const [name, container] of Object.entries(containers)) {
    if (!isRecord(container)) {
      continue;
    }
    for (const field of ['files', 'volumes'] as const) {
      const list = container[field];
      if (!Array.isArray(list)) {
        continue;
      }
      const upgraded: Record<string, unknown> = {};
      list.forEach((item, index) => {
        const path = ['containers', name, field, index];
        if (!isRecord(item)) {
          notices.push({
            path,
            severity: 'error',
            message: `each item of the deprecated ${field} array must be a mapping with a target`,
          });
          return;
        }
        if (field === 'files' && Array.isArray(item.content)) {
          item.content = item.content.map(line => String(line)).join('\n');
          notices.push({
            path: [...path, 'content'],
            severity: 'warning',
            message:
              'file content written as an array of lines is deprecated; it was joined with newlines, use a string (for example a `|` block) instead',
          });
        }
        if (field === 'volumes' && typeof item.read_only === 'boolean') {
          item.readOnly = item.read_only;
          delete item.read_only;
          notices.push({
            path: [...path, 'read_only'],
            key: true,
            severity: 'warning',
            message: 'read_only is deprecated, use readOnly',
          });
        }
        const target = item.target;
        if (typeof target !== 'string' || target.length === 0) {
          notices.push({
            path: target === undefined ? path : [...path, 'target'],
            severity: 'error',
            message: `target is missing or is not a string; items of the deprecated ${field} array need a target path`,
          });
          return;
        }
        if (Object.prototype.hasOwnProperty.call(upgraded, target)) {
          notices.push({
            path: [...path, 'target'],
            severity: 'error',
            message: `target ${JSON.stringify(
              target,
            )} is used by more than one item of ${field}`,
          });
          return;
        }
        delete item.target;
        upgraded[target] = item;
        aliases.set(aliasKey(name, field, target), index);
      });
      container[field] = upgraded;
      notices.push({
        path: ['containers', name, field],
        key: true,
        severity: 'warning',
        message: `${field} written as an array is deprecated; it was read as a map keyed by target path. Write it as "${field}: { <target path>: { ... } }"`,
      });
    }
  }
  return aliases;
}
