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
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The portal path of an entity page (`/catalog/<namespace>/<kind>/<name>`,
 * kind in lower case as the catalog's routes spell it); a ref without a
 * kind is `defaultKind`.
 */
export function entityPagePath(ref: string, defaultKind = 'component'): string {
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}`;
}

/**
 * The entity's Platform tab, where its Paved cards (DORA, scores, SLOs,
 * NPS) are shown.
 */
export function entityPlatformPath(
  ref: string,
  defaultKind = 'component',
): string {
  return `${entityPagePath(ref, defaultKind)}/platform`;
}
