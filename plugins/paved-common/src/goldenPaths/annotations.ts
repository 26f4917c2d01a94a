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
 * Annotations of Paved's golden paths (software templates).
 *
 * @public
 */
export const GOLDEN_PATH_ANNOTATIONS = {
  /**
   * On a Component created from a golden path: `<template name>@<version>`
   * of the template that created it, for drift tracking.
   */
  template: 'paved.dev/template',
  /** On a Template: its version (`1.2.0`), compared with the above. */
  templateVersion: 'paved.dev/template-version',
  /**
   * On a Component: comma-separated Score paths of the golden-path defaults
   * the developer overrode when the component was created.
   */
  overrides: 'paved.dev/golden-path-overrides',
} as const;

/**
 * Splits `name@version` (the `paved.dev/template` annotation). The name may
 * be an entity ref (`template:default/name`); the version is what follows
 * the last `@`.
 *
 * @public
 */
export function parseTemplateAnnotation(
  value: string,
): { name: string; version: string } | undefined {
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) {
    return undefined;
  }
  const ref = value.slice(0, at).trim();
  const name = ref.includes('/') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
  return {
    name: name.replace(/^template:/i, ''),
    version: value.slice(at + 1).trim(),
  };
}

/**
 * Compares two dotted versions (`1.10.0` > `1.9.2`); a missing part counts
 * as 0 and pre-release suffixes (`-rc.1`) sort before the release. Returns a
 * negative number, 0 or a positive number.
 *
 * @public
 */
export function compareTemplateVersions(a: string, b: string): number {
  const split = (v: string) => {
    const [main, pre] = v.replace(/^v/i, '').split('-', 2);
    return {
      parts: main.split('.').map(p => Number.parseInt(p, 10) || 0),
      pre,
    };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.parts.length, y.parts.length); i++) {
    const diff = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (diff !== 0) return diff;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
