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
import { isNode, LineCounter, parseAllDocuments } from 'yaml';
import { ROADMAP_ITEM_KIND } from './types';

/**
 * Where a field of a RoadmapItem is in the YAML text of its file: the
 * 1-based line and column of the field, or of its closest parent that is
 * there (a missing field points at the mapping that lacks it). Undefined
 * when the file holds no such item or does not parse.
 *
 * @public
 */
export function locateRoadmapItemField(
  text: string,
  item: { name: string; namespace?: string },
  path: readonly string[],
): { line: number; column: number } | undefined {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) return undefined;
  const namespace = item.namespace ?? 'default';
  for (const doc of documents) {
    if (
      doc.getIn(['kind']) !== ROADMAP_ITEM_KIND ||
      doc.getIn(['metadata', 'name']) !== item.name ||
      (doc.getIn(['metadata', 'namespace']) ?? 'default') !== namespace
    ) {
      continue;
    }
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { line, column: col };
      }
    }
  }
  return undefined;
}
