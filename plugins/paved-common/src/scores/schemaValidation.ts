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

import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import scoreSchema from './schema/score-v1b1.json';
import { getAtPath, isRecord, pointerToPath } from './paths';

/** A schema violation, not yet tied to a file position. */
export interface SchemaIssue {
  path: string[];
  /** Point at the key of the last path segment (unknown or badly named keys). */
  key: boolean;
  message: string;
}

let compiled: ValidateFunction | undefined;

/** Compiles the vendored schema once per process; compiling costs ~50 ms. */
function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
    compiled = ajv.compile(scoreSchema);
  }
  return compiled;
}

const RFC1123_LABEL = '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$';

/** Human wording for the patterns used in score-v1b1.json. */
const PATTERN_HINTS: Record<string, string> = {
  [RFC1123_LABEL]:
    "2-63 characters of a-z, 0-9 and '-', not starting or ending with '-'",
  '^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$':
    "2-63 characters of A-Z, a-z, 0-9 and '-', not starting or ending with '-'",
  '^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$':
    "labels of a-z, 0-9 and '-' separated by '.', for example main-db or team.cache",
  '^(([a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\\.[a-z0-9][a-z0-9-]{0,61}[a-z0-9])*/)?[A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]$':
    "an optional DNS prefix and '/', then 2-63 characters of A-Z, a-z, 0-9, '.', '_' and '-'",
  '^score\\.dev/v1b1$': 'score.dev/v1b1',
  '^0?[0-7]{3}$': 'an octal file mode such as 0644',
  '^\\d+(?:m|\\.\\d+)?$': 'whole or fractional CPUs such as 2, 0.5 or 250m',
  '^(0\\.\\d+|[1-9]\\d*(\\.\\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$':
    'a memory quantity such as 512Mi, 1.5Gi or 128M',
  '^[^=]+$': "a name without '='",
  '^[A-Za-z0-9_-]+$': "letters, digits, '_' and '-'",
};

const NAME_KINDS: Record<string, string> = {
  containers: 'container name',
  resources: 'resource name',
  ports: 'service port name',
  variables: 'variable name',
  annotations: 'annotation key',
  before: 'container name',
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  object: 'a mapping',
  array: 'a list',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        prev + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggestion(word: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best && bestDistance <= Math.max(2, word.length / 3)
    ? ` (did you mean "${best}"?)`
    : '';
}

function issueFor(
  error: ErrorObject,
  data: Record<string, unknown>,
): SchemaIssue | undefined {
  const path = pointerToPath(error.instancePath);
  const value = getAtPath(data, path);
  const params = error.params as Record<string, any>;
  // `verbose` gives the schema object that failed; schemaPath is relative to
  // the last $ref, so it cannot be used to find it.
  const parent = (error.parentSchema ?? {}) as Record<string, any>;

  // Errors of `propertyNames` come twice: once per failing keyword with
  // `propertyName` set, once as a summary. Keep the precise one.
  if (error.keyword === 'propertyNames') {
    return undefined;
  }
  if (error.propertyName !== undefined) {
    const kind = NAME_KINDS[path[path.length - 1]] ?? 'key';
    const name = error.propertyName;
    let rule = error.message ?? 'is invalid';
    if (error.keyword === 'pattern') {
      rule = `must be ${
        PATTERN_HINTS[params.pattern] ?? `match ${params.pattern}`
      }`;
    } else if (error.keyword === 'minLength' || error.keyword === 'maxLength') {
      const hint = PATTERN_HINTS[parent.pattern];
      rule = hint
        ? `must be ${hint}`
        : `must ${error.message?.replace(/^must /, '')}`;
    }
    return {
      path: [...path, name],
      key: true,
      message: `${JSON.stringify(name)} is not a valid ${kind}: ${rule}`,
    };
  }

  switch (error.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys(parent.properties ?? {});
      const name = String(params.additionalProperty);
      return {
        path: [...path, name],
        key: true,
        message: `unknown key ${JSON.stringify(name)}${suggestion(
          name,
          allowed,
        )}; allowed keys are ${allowed.join(', ')}`,
      };
    }
    case 'required':
      return {
        path,
        key: path.length > 0,
        message: `missing required key ${JSON.stringify(
          params.missingProperty,
        )}`,
      };
    case 'type': {
      const expected = String(params.type)
        .split(',')
        .map(t => TYPE_WORDS[t] ?? t)
        .join(' or ');
      const quoteHint =
        params.type === 'string' &&
        (typeof value === 'number' || typeof value === 'boolean')
          ? ` (quote it: "${String(value)}")`
          : '';
      return {
        path,
        key: false,
        message: `must be ${expected}, got ${describe(value)}${quoteHint}`,
      };
    }
    case 'enum':
      return {
        path,
        key: false,
        message: `must be one of ${(params.allowedValues as unknown[])
          .map(v => JSON.stringify(v))
          .join(', ')}, got ${describe(value)}`,
      };
    case 'pattern':
      return {
        path,
        key: false,
        message: `${describe(value)} is not valid: must be ${
          PATTERN_HINTS[params.pattern] ?? `match ${params.pattern}`
        }`,
      };
    case 'minimum':
    case 'maximum': {
      return {
        path,
        key: false,
        message: `must be between ${parent.minimum ?? '-∞'} and ${
          parent.maximum ?? '∞'
        }, got ${String(value)}`,
      };
    }
    case 'minProperties':
      return {
        path,
        key: path.length > 0,
        message:
          path.length === 1 && path[0] === 'containers'
            ? 'a workload needs at least one container'
            : `must have at least ${params.limit} entries`,
      };
    case 'not':
      if (parent.not?.required?.includes('target')) {
        return {
          path: [...path, 'target'],
          key: true,
          message:
            'target is only allowed in the deprecated list form; in the map form the key is the target path',
        };
      }
      return { path, key: false, message: error.message ?? 'is not allowed' };
    case 'oneOf':
    case 'anyOf': {
      if (parent.oneOf?.[0]?.type === 'array') {
        if (isRecord(value)) {
          return undefined; // the real problems are reported inside the map
        }
        const field = path[path.length - 1];
        return {
          path,
          key: false,
          message: `must be a mapping of target path to ${
            field === 'files' ? 'file' : 'volume'
          }, got ${describe(value)}`,
        };
      }
      if (parent.properties?.binaryContent) {
        const given = ['content', 'binaryContent', 'source'].filter(
          k => isRecord(value) && value[k] !== undefined,
        );
        return {
          path,
          key: path.length > 0,
          message:
            given.length === 0
              ? 'a file needs one of content, binaryContent or source'
              : `a file needs exactly one of content, binaryContent or source, but has ${given.join(
                  ' and ',
                )}`,
        };
      }
      if (parent.properties?.httpGet) {
        return {
          path,
          key: path.length > 0,
          message: 'a probe needs httpGet or exec',
        };
      }
      return { path, key: false, message: error.message ?? 'is invalid' };
    }
    default:
      return {
        path,
        key: false,
        message: `${error.message ?? 'is invalid'}${
          typeof value === 'string' || typeof value === 'number'
            ? `, got ${describe(value)}`
            : ''
        }`,
      };
  }
}

/**
 * Validates one (upgraded) workload against the vendored Score schema and
 * returns every violation in plain words. Noise from `oneOf`/`anyOf` branches
 * (the "must be array" of the map form, the per-branch `required`) is
 * folded into one message per real problem.
 */
export function validateAgainstSchema(
  data: Record<string, unknown>,
): SchemaIssue[] {
  const validate = validator();
  if (validate(data)) {
    return [];
  }
  const errors = validate.errors ?? [];
  const combinators = errors.filter(
    e => e.keyword === 'oneOf' || e.keyword === 'anyOf',
  );
  // A failed pattern already explains the allowed length; skip the length error.
  const patternFailed = new Set(
    errors
      .filter(e => e.keyword === 'pattern')
      .map(e => `${e.instancePath}\u0000${e.propertyName ?? ''}`),
  );
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (
      (error.keyword === 'minLength' || error.keyword === 'maxLength') &&
      patternFailed.has(
        `${error.instancePath}\u0000${error.propertyName ?? ''}`,
      )
    ) {
      continue;
    }
    const isBranchNoise = combinators.some(
      c =>
        c !== error &&
        c.instancePath === error.instancePath &&
        error.schemaPath.startsWith(`${c.schemaPath}/`) &&
        (error.keyword === 'type' || error.keyword === 'required'),
    );
    if (isBranchNoise) {
      continue;
    }
    const issue = issueFor(error, data);
    if (!issue) {
      continue;
    }
    const key = `${issue.path.join('\u0000')}\u0001${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}
