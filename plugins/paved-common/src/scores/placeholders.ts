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

/**
 * A well-formed `${...}` placeholder found in a Score string value.
 *
 * @public
 */
export interface ScorePlaceholder {
  /** The placeholder as written, e.g. `${resources.db.host}`. */
  raw: string;
  /** The reference between the braces, e.g. `resources.db.host`. */
  ref: string;
  /** `ref` split on its dots. */
  parts: string[];
  /** Offset of the `$` in the string. */
  start: number;
  /** Offset just after the closing brace. */
  end: number;
}

/**
 * The result of {@link parsePlaceholders}.
 *
 * @public
 */
export interface ParsedPlaceholders {
  /** Well-formed placeholders, in order. */
  placeholders: ScorePlaceholder[];
  /**
   * Malformed placeholders, which score-go's `loader.Validate` rejects,
   * with the offset in the string where they start.
   */
  errors: Array<{ offset: number; text: string; message: string }>;
  /**
   * Text the Score tools accept but leave as it is, and that is nearly
   * always a typo: a `${` without a closing brace.
   */
  warnings: Array<{ offset: number; text: string; message: string }>;
}

/**
 * What score-go's `loader.Validate` accepts between the braces: at least two
 * elements separated by dots, each of letters, digits, `_` and `-`.
 */
const WELL_FORMED = /^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)+$/;

/**
 * Splits a placeholder reference on dots; `\.` stands for a literal dot.
 * Same rule as score-go `framework.SplitRefParts` (which substitution
 * uses; validation rejects a `\` anywhere in a placeholder).
 *
 * @public
 */
export function splitRefParts(ref: string): string[] {
  // Same trick as score-go: hide escaped dots behind a NUL while splitting.
  return ref
    .split('\\.')
    .join('\u0000')
    .split('.')
    .map(part => part.split('\u0000').join('.'));
}

/**
 * Finds the placeholders of a Score string the way score-go does and
 * checks them as its `loader.Validate` does.
 *
 * Finding follows `framework.SubstituteString` (regex
 * `\$((?:\$?{([^}]*)})|\$)`, leftmost first): `${ref}` is a placeholder,
 * `$$` an escaped `$` and `$${ref}` the literal text `${ref}`; a `${`
 * without a closing brace is left as text (reported as a warning here).
 * Checking follows `loader.Validate`: the reference must match
 * `^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)+$`, so `${resources}`,
 * `${resources.db.this has spaces!}`, `${}` and escaped dots
 * (`${metadata.annotations.a\.b}`) are errors. Whether the first element
 * is `metadata` or `resources` and the resource exists is checked with the
 * workload (semantics.ts).
 *
 * @public
 */
export function parsePlaceholders(value: string): ParsedPlaceholders {
  const result: ParsedPlaceholders = {
    placeholders: [],
    errors: [],
    warnings: [],
  };
  let i = value.indexOf('$');
  while (i >= 0) {
    const next = value.charCodeAt(i + 1);
    if (next === 36 /* $ */) {
      // `$${...}` (with its closing brace) is an escaped placeholder;
      // otherwise `$$` is an escaped dollar.
      const close =
        value.charCodeAt(i + 2) === 123 /* { */
          ? value.indexOf('}', i + 3)
          : -1;
      i = close >= 0 ? close + 1 : i + 2;
    } else if (next === 123 /* { */) {
      const close = value.indexOf('}', i + 2);
      if (close < 0) {
        // No match at this `$`: score-go leaves the text as it is.
        const text = value.slice(i, i + 40);
        result.warnings.push({
          offset: i,
          text,
          message: `"${text}" has no closing "}", so it is left as text, not substituted (write $$ for a literal $)`,
        });
        i += 1;
      } else {
        const ref = value.slice(i + 2, close);
        const raw = value.slice(i, close + 1);
        if (WELL_FORMED.test(ref)) {
          result.placeholders.push({
            raw,
            ref,
            parts: ref.split('.'),
            start: i,
            end: close + 1,
          });
        } else {
          // score-go's own wording, so messages match the Score tools'.
          result.errors.push({
            offset: i,
            text: raw,
            message: `placeholder ${raw} is malformed, must contain at least two elements separated by ".", each element must be alphanumeric or contain "_" or "-"`,
          });
        }
        i = close + 1;
      }
    } else {
      i += 1;
    }
    i = value.indexOf('$', i);
  }
  return result;
}
