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

import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Node as YamlNode,
  parseAllDocuments,
  Scalar,
} from 'yaml';
import { formatScorePath, isRecord } from './paths';
import {
  ParsedScoreFile,
  ScoreDocument,
  ScoreLocateOptions,
  ScoreParseOptions,
  ScorePosition,
  ScoreProblem,
  ScoreProblemCode,
} from './types';
import { aliasKey, upgradeDeprecatedForms, UpgradeNotice } from './upgrade';

/** Default limits; see {@link ScoreParseOptions}. @public */
export const SCORE_PARSE_DEFAULTS: Required<ScoreParseOptions> = {
  maxBytes: 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 64,
};

/** Turns offsets into 1-based line/column, computing line starts lazily. */
class LineIndex {
  #starts?: number[];
  constructor(private readonly text: string) {}

  position(offset: number): ScorePosition {
    if (!this.#starts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) {
        if (this.text.charCodeAt(i) === 10) {
          starts.push(i + 1);
        }
      }
      this.#starts = starts;
    }
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const PLAIN_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map(
    t => `tag:yaml.org,2002:${t}`,
  ),
);

/**
 * Walks the document without recursion (so absurd nesting cannot overflow
 * the stack) in document order. Returns the first node nested deeper than
 * `maxDepth`, every node with a non-plain tag (yaml resolves known YAML 1.1
 * tags such as !!binary or !!set even in the core schema) and the first
 * alias. Aliases are not followed: their expansion is bounded by the alias
 * count instead.
 */
function inspect(root: unknown, maxDepth: number) {
  const found: {
    tooDeep?: YamlNode;
    badTags: YamlNode[];
    complexKeys: YamlNode[];
    firstAlias?: Alias;
  } = { badTags: [], complexKeys: [] };
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (!node) continue;
    const tag = (node as { tag?: string }).tag;
    if (
      tag &&
      !PLAIN_TAGS.has(tag) &&
      (isScalar(node) || isMap(node) || isSeq(node))
    ) {
      found.badTags.push(node);
    }
    if (isAlias(node)) {
      found.firstAlias ??= node;
    } else if (isMap(node) || isSeq(node)) {
      if (depth > maxDepth) {
        found.tooDeep ??= node;
        continue;
      }
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i];
        if (isPair(item)) {
          if (isMap(item.key) || isSeq(item.key)) {
            found.complexKeys.push(item.key);
          }
          stack.push([item.value, depth + 1], [item.key, depth + 1]);
        } else {
          stack.push([item, depth + 1]);
        }
      }
    }
  }
  return found;
}

function nodeStart(node: unknown): number | undefined {
  const range = (node as YamlNode | undefined)?.range;
  return range ? range[0] : undefined;
}

/** Finds `needle` inside a scalar's source text, for precise placeholder columns. */
function scalarNeedleOffset(
  text: string,
  node: Scalar,
  needle: string,
): number | undefined {
  if (!node.range) {
    return undefined;
  }
  const found = text.indexOf(needle, node.range[0]);
  return found >= 0 && found < node.range[1] ? found : undefined;
}

/**
 * The limits in force: the defaults, overridden only by options that are
 * set (an `undefined` option would otherwise switch its limit off).
 */
export function scoreParseLimits(
  options: ScoreParseOptions,
): Required<ScoreParseOptions> {
  const limits = { ...SCORE_PARSE_DEFAULTS };
  for (const key of Object.keys(limits) as Array<keyof ScoreParseOptions>) {
    const value = options[key];
    if (typeof value === 'number' && value > 0) limits[key] = value;
  }
  return limits;
}

/**
 * Parses one Score file, which may hold several YAML documents (one workload
 * each). Never throws: every problem is returned with its position. Only
 * plain YAML is accepted (core schema, no custom tags, unique keys), and the
 * size, nesting depth and alias expansion are bounded.
 *
 * @public
 */
export function parseScoreFile(
  file: string,
  content: string,
  options: ScoreParseOptions = {},
): ParsedScoreFile {
  const limits = scoreParseLimits(options);
  const problems: ScoreProblem[] = [];
  const lines = new LineIndex(content);
  const problem = (
    code: ScoreProblemCode,
    offset: number | ScorePosition,
    path: ReadonlyArray<string | number>,
    message: string,
    severity: 'error' | 'warning' = 'error',
  ) => {
    const pos = typeof offset === 'number' ? lines.position(offset) : offset;
    problems.push({
      file,
      line: pos.line,
      column: pos.column,
      path: formatScorePath(path),
      message,
      code,
      severity,
    });
  };

  // Cheap check first: a string never has more UTF-8 bytes than 3x its length.
  if (
    content.length > limits.maxBytes ||
    (content.length * 3 > limits.maxBytes &&
      utf8Length(content) > limits.maxBytes)
  ) {
    problem(
      'file-too-large',
      0,
      [],
      `file is ${utf8Length(content)} bytes, more than the limit of ${
        limits.maxBytes
      } bytes for Score files`,
    );
    return { file, documents: [], problems };
  }
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;

  let yamlDocs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, {
      prettyErrors: false,
      uniqueKeys: true,
      schema: 'core',
      merge: false,
    });
    yamlDocs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    // The composer recurses per nesting level; absurd nesting overflows the stack.
    problem(
      error instanceof RangeError ? 'yaml-depth' : 'yaml-syntax',
      0,
      [],
      error instanceof RangeError
        ? `YAML is nested too deeply to parse (limit ${limits.maxDepth} levels)`
        : `YAML could not be parsed: ${String(error)}`,
    );
    return { file, documents: [], problems };
  }

  const documents: ScoreDocument[] = [];
  yamlDocs.forEach((doc, index) => {
    const before = problems.length;
    for (const error of doc.errors) {
      if (/call stack/i.test(error.message)) {
        problem(
          'yaml-depth',
          error.pos[0],
          [],
          `YAML is nested too deeply to parse (limit ${limits.maxDepth} levels)`,
        );
      } else {
        problem('yaml-syntax', error.pos[0], [], error.message);
      }
    }
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED') {
        const tag = /tag: *(\S+)/.exec(warning.message)?.[1] ?? 'tag';
        problem(
          'yaml-tag',
          warning.pos[0],
          [],
          `YAML tag ${tag.replace(
            'tag:yaml.org,2002:',
            '!!',
          )} is not allowed; Score files may only use plain YAML values (strings, numbers, booleans, null, mappings and sequences)`,
        );
      } else {
        problem('yaml-syntax', warning.pos[0], [], warning.message, 'warning');
      }
    }
    if (problems.slice(before).some(p => p.severity === 'error')) {
      return;
    }
    if (doc.contents === null) {
      return; // an empty document, e.g. after a trailing `---`
    }
    const found = inspect(doc.contents, limits.maxDepth);
    for (const node of found.complexKeys) {
      problem(
        'yaml-syntax',
        nodeStart(node) ?? 0,
        [],
        'mapping keys must be plain strings, not mappings or sequences',
      );
    }
    for (const node of found.badTags) {
      // The node range starts after its tag; point at the tag itself.
      const start = nodeStart(node) ?? 0;
      let bang = text.lastIndexOf('!', start);
      while (bang > 0 && text[bang - 1] === '!') bang--;
      const onLine = bang >= 0 && !text.slice(bang, start).includes('\n');
      problem(
        'yaml-tag',
        onLine ? bang : start,
        [],
        `YAML tag ${String((node as { tag?: string }).tag).replace(
          'tag:yaml.org,2002:',
          '!!',
        )} is not allowed; Score files may only use plain YAML values (strings, numbers, booleans, null, mappings and sequences)`,
      );
    }
    if (found.tooDeep) {
      problem(
        'yaml-depth',
        nodeStart(found.tooDeep) ?? 0,
        [],
        `YAML is nested more than ${limits.maxDepth} levels deep`,
      );
    }
    if (found.tooDeep || found.badTags.length || found.complexKeys.length) {
      return;
    }

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (error) {
      problem(
        'yaml-alias',
        nodeStart(found.firstAlias) ?? 0,
        [],
        error instanceof ReferenceError
          ? `YAML aliases expand to too many nodes (limit ${limits.maxAliasCount}); this looks like an alias bomb`
          : `YAML could not be converted: ${String(error)}`,
      );
      return;
    }

    if (value === null || value === undefined) {
      return; // an empty document, e.g. after a trailing `---`
    }
    const locate = createLocator(text, doc, lines);
    if (!isRecord(value)) {
      problem(
        'not-a-mapping',
        nodeStart(doc.contents) ?? 0,
        [],
        `a Score workload must be a YAML mapping, got ${
          Array.isArray(value) ? 'a sequence' : typeof value
        }`,
      );
      return;
    }

    const notices: UpgradeNotice[] = [];
    const aliases = upgradeDeprecatedForms(value, notices);
    for (const notice of notices) {
      problem(
        notice.severity === 'error' ? 'schema' : 'deprecated-form',
        locate.raw(notice.path, { key: notice.key }),
        notice.path,
        notice.message,
        notice.severity,
      );
    }
    if (notices.some(n => n.severity === 'error')) {
      return;
    }
    documents.push({
      file,
      index,
      value,
      locate: (path, opts) => {
        // Paths into upgraded files/volumes point back at the array item.
        let mapped: ReadonlyArray<string | number> = path;
        if (
          path.length >= 4 &&
          path[0] === 'containers' &&
          (path[2] === 'files' || path[2] === 'volumes')
        ) {
          const idx = aliases.get(
            aliasKey(String(path[1]), String(path[2]), String(path[3])),
          );
          if (idx !== undefined) {
            mapped = [...path.slice(0, 3), idx, ...path.slice(4)];
          }
        }
        return locate.raw(mapped, opts);
      },
    });
  });

  if (documents.length === 0 && !problems.some(p => p.severity === 'error')) {
    problem('not-a-mapping', 0, [], 'file contains no Score workload');
  }
  return { file, documents, problems };
}

function createLocator(text: string, doc: Document.Parsed, lines: LineIndex) {
  return {
    raw(
      path: ReadonlyArray<string | number>,
      options: ScoreLocateOptions = {},
    ): ScorePosition {
      let node: unknown = doc.contents;
      let offset = nodeStart(node) ?? 0;
      for (let i = 0; i < path.length; i++) {
        const segment = path[i];
        if (isAlias(node)) {
          node = node.resolve(doc);
        }
        let next: unknown = undefined;
        let keyNode: unknown = undefined;
        if (isMap(node)) {
          const pair = node.items.find(
            p => isScalar(p.key) && String(p.key.value) === String(segment),
          );
          if (pair) {
            keyNode = pair.key;
            next = pair.value;
          }
        } else if (isSeq(node) && typeof segment === 'number') {
          next = node.items[segment];
        }
        if (next === undefined && keyNode === undefined) {
          break;
        }
        const last = i === path.length - 1;
        const target = last && options.key && keyNode ? keyNode : next;
        offset = nodeStart(target) ?? nodeStart(keyNode) ?? offset;
        node = next;
        if (last && options.needle && isScalar(node) && !options.key) {
          offset = scalarNeedleOffset(text, node, options.needle) ?? offset;
        }
      }
      return lines.position(offset);
    },
  };
}
