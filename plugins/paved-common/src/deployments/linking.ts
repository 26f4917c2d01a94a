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
import { PAVED_LINK_ANNOTATIONS } from './types';

type EntityLike = {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
  };
};

/**
 * The link keys (`annotation=value`) an entity claims through its
 * annotations. `backstage.io/source-location` is normalised so that
 * `url:https://github.com/acme/x/tree/main/` and `https://github.com/acme/x`
 * match; a GitHub or GitLab source location also claims the matching
 * project slug.
 *
 * @public
 */
export function entityLinkKeys(entity: EntityLike): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const keys = new Set<string>();
  for (const annotation of PAVED_LINK_ANNOTATIONS) {
    const value = annotations[annotation]?.trim();
    if (!value) continue;
    if (annotation === 'backstage.io/source-location') {
      const repo = normaliseRepositoryUrl(value);
      if (repo) {
        keys.add(linkKey('backstage.io/source-location', repo.url));
        if (repo.host === 'github.com') {
          keys.add(linkKey('github.com/project-slug', repo.slug));
        } else if (repo.host.startsWith('gitlab')) {
          keys.add(linkKey('gitlab.com/project-slug', repo.slug));
        }
      }
      continue;
    }
    if (annotation === 'paved.dev/deployment-subject') {
      // Already a full `annotation=value` link key.
      for (const part of value.split(',')) {
        if (part.includes('=')) keys.add(part.trim());
      }
      continue;
    }
    keys.add(linkKey(annotation, value));
  }
  return [...keys];
}

/**
 * Builds a link key from an annotation name and its value.
 *
 * @public
 */
export function linkKey(annotation: string, value: string): string {
  const v =
    annotation === 'github.com/project-slug' ||
    annotation === 'gitlab.com/project-slug'
      ? value.trim().toLowerCase()
      : value.trim();
  return `${annotation}=${v}`;
}

/**
 * Normalises a repository URL (with or without Backstage's `url:` prefix,
 * `.git`, `/tree/<branch>/…` or `/-/tree/…`) to `https://host/owner/repo`.
 *
 * @public
 */
export function normaliseRepositoryUrl(
  location: string,
): { url: string; host: string; slug: string } | undefined {
  const raw = location.replace(/^url:/, '').trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const parts = url.pathname.split('/').filter(Boolean);
  const cut = parts.findIndex(p => p === '-' || p === 'tree' || p === 'blob');
  const path = (cut >= 0 ? parts.slice(0, cut) : parts).map(p =>
    p.replace(/\.git$/, ''),
  );
  if (path.length < 2) return undefined;
  const host = url.host.toLowerCase();
  const slug = path.join('/').toLowerCase();
  return { url: `https://${host}/${slug}`, host, slug };
}
