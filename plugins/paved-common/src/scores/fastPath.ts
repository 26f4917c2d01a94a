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
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { scoreParseLimits } from './parse';
import { isRecord } from './paths';
import {
  ParsedScoreFile,
  ScoreDocument,
  ScoreParseOptions,
  ScoreValidationResult,
} from './types';

/** Anchors, aliases and merge keys: only the full parser enforces their limits. */
const NEEDS_FULL_PARSER = /[&*]|<</;

const NOWHERE = { line: 1, column: 1 };

/**
 * Validates files without source positions, using js-yaml (an order of
 * magnitude faster than the position-keeping parser). Most files in a catalog
 * are valid and positions are only needed to report problems, so this path
 * answers only when it finds no problem at all; anything unusual (a problem,
 * a warning, anchors or aliases, a parse error, deep nesting, a large file,
 * the deprecated list forms) returns undefined and the caller runs the full
 * parser, which is the reference for every message.
 */
export function validateWithoutPositions(
  inputs: Array<{ file: string; content: string }>,
  options: ScoreParseOptions,
  validate: (files: ParsedScoreFile[]) => ScoreValidationResult,
): ScoreValidationResult | undefined {
  const limits = scoreParseLimits(options);
  const parsed: ParsedScoreFile[] = [];
  for (const { file, content } of inputs) {
    // Bytes are at most 3x the UTF-16 length; leave borderline sizes to the
    // full parser's exact check.
    if (
      content.length * 3 > limits.maxBytes ||
      NEEDS_FULL_PARSER.test(content)
    ) {
      return undefined;
    }
    let values: unknown[];
    try {
      values = loadAll(content, undefined, { schema: CORE_SCHEMA });
    } catch {
      return undefined;
    }
    const documents: ScoreDocument[] = [];
    for (const [index, value] of values.entries()) {
      if (value === null || value === undefined) {
        continue;
      }
      if (
        !isRecord(value) ||
        tooDeep(value, limits.maxDepth) ||
        usesDeprecatedForms(value)
      ) {
        return undefined;
      }
      documents.push({ file, index, value, locate: () => NOWHERE });
    }
    parsed.push({ file, documents, problems: [] });
  }
  const result = validate(parsed);
  return result.problems.length === 0 ? result : undefined;
}

function tooDeep(value: unknown, maxDepth: number, depth = 1): boolean {
  if (depth > maxDepth) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(v => tooDeep(v, maxDepth, depth + 1));
  }
  if (isRecord(value)) {
    return Object.values(value).some(v => tooDeep(v, maxDepth, depth + 1));
  }
  return false;
}

function usesDeprecatedForms(workload: Record<string, unknown>): boolean {
  const containers = workload.containers;
  if (!isRecord(containers)) {
    return false;
  }
  return Object.values(containers).some(
    c => isRecord(c) && (Array.isArray(c.files) || Array.isArray(c.volumes)),
  );
}
