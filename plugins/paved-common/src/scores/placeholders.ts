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
 * A `${...}` placeholder found in a Score string value.
 *
 * @public
 */
export interface ScorePlaceholder {
  /** The placeholder as written, e.g. `${resources.db.host}`. */
  raw: string;
  /** The reference between the braces, e.g. `resources.db.host`. */
  ref: string;
  /** `ref` split on unescaped dots (`\.` keeps a literal dot). */
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
  placeholders: ScorePlaceholder[];
  /** Syntax problems, with the offset in the string where they start. */
  errors: Array<{ offset: number; text: string; message: string }>;
}

/**
 * Splits a placeholder reference on dots; `\.` stands for a literal dot.
 * Same rule as score-go `framework.SplitRefParts`.
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
 * Finds the placeholders of a Score string the way score-go's substitution
 * does (regex `\$((?:\$?{([^}]*)})|\$)`): `${ref}` is a placeholder, `$$`
 * is an escaped `$` and `$${ref}` is the literal text `${ref}`. A `${`
 * without a closing brace is left as-is by the Score tools; it is reported
 * here because it is nearly always a typo.
 *
 * @public
 */
export function parsePlaceholders(value: string): ParsedPlaceholders {
  const result: ParsedPlaceholders = { placeholders: [], errors: [] };
  let i = value.indexOf('$');
  while (i >= 0 && i < value.length) {
    const next = value.charCodeAt(i + 1);
    if (next === 36 /* $ */) {
      // `$${...}` is an escaped placeholder: skip it whole.
      if (value.charCodeAt(i + 2) === 123 /* { */) {
        const close = value.indexOf('}', i + 3);
        i = close >= 0 ? close + 1 : i + 2;
      } else {
        i += 2;
      }
    } else if (next === 123 /* { */) {
      const close = value.indexOf('}', i + 2);
      if (close < 0) {
        result.errors.push({
          offset: i,
          text: value.slice(i, i + 40),
          message: `placeholder "${value.slice(
            i,
            i + 40,
          )}" has no closing "}" (write $$ for a literal $)`,
        });
        break;
      }
      const ref = value.slice(i + 2, close);
      const raw = value.slice(i, close + 1);
      if (ref.trim() === '') {
        result.errors.push({
          offset: i,
          text: raw,
          message: `empty placeholder ${raw}; use \${metadata.<key>} or \${resources.<name>.<output>}`,
        });
      } else {
        result.placeholders.push({
          raw,
          ref,
          parts: splitRefParts(ref),
          start: i,
          end: close + 1,
        });
      }
      i = close + 1;
    } else {
      i += 1;
    }
    i = value.indexOf('$', i);
  }
  return result;
}
