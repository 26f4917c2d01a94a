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
import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/** Biggest CI or SLO file Paved reads. */
const MAX_FILE_BYTES = 256 * 1024;
/** CI configuration files with a fixed name, relative to the repository root. */
const SINGLE_CI_FILES = [
  '.gitlab-ci.yml',
  'Jenkinsfile',
  '.circleci/config.yml',
  'azure-pipelines.yml',
  'bitbucket-pipelines.yml',
];
const WORKFLOW_DIR = '.github/workflows';
const MAX_WORKFLOWS = 20;

/** Where an entity's repository is, as far as Paved can read it. */
export type RepositoryLocation =
  | { type: 'file'; root: string; catalogDir: string }
  | { type: 'url'; root: string; catalogUrl?: string }
  | { type: 'none'; reason: string };

/** CI configuration files of a repository, with their text. */
export type CiFiles = {
  files: Array<{ path: string; text: string }>;
  etag?: string;
};

/** Thrown when the repository did not change since `etag`. */
export class RepositoryNotModified extends Error {}

function stripPrefix(value: string | undefined, prefix: string) {
  return value?.startsWith(prefix) ? value.slice(prefix.length) : undefined;
}

/**
 * Finds and reads an entity's repository files: its CI configuration
 * (for the `ci-workflow` and `tests-in-ci` checks) and files next to its
 * `catalog-info.yaml` (SLO declarations).
 *
 * - Entities from `file` locations (the config's locations and the local
 *   publisher's repositories; the catalog sets this annotation, and its API
 *   refuses `file` locations from users) are read from disk, at the git
 *   root above `catalog-info.yaml`.
 * - Entities from `url` locations are read through Backstage's UrlReader
 *   (with the integrations' credentials), with ETags so an unchanged
 *   repository costs one request.
 */
export class RepositoryReader {
  readonly #reader: UrlReaderService;
  readonly #integrations?: ScmIntegrationRegistry;

  constructor(options: {
    reader: UrlReaderService;
    integrations?: ScmIntegrationRegistry;
  }) {
    this.#reader = options.reader;
    this.#integrations = options.integrations;
  }

  /** Where the entity's repository is. */
  async locate(entity: Entity): Promise<RepositoryLocation> {
    const annotations = entity.metadata.annotations ?? {};
    const managedBy = annotations[ANNOTATION_LOCATION];
    const file = stripPrefix(managedBy, 'file:');
    if (file && isAbsolute(file)) {
      const catalogDir = dirname(file);
      return { type: 'file', root: await gitRoot(catalogDir), catalogDir };
    }
    const source =
      stripPrefix(annotations[ANNOTATION_SOURCE_LOCATION], 'url:') ??
      stripPrefix(managedBy, 'url:');
    if (source && /^https?:\/\//.test(source)) {
      return {
        type: 'url',
        root: repositoryRootUrl(source),
        catalogUrl: stripPrefix(managedBy, 'url:'),
      };
    }
    return {
      type: 'none',
      reason: managedBy
        ? `it comes from ${
            managedBy.split(':')[0]
          } location, not from a repository`
        : 'it has no backstage.io/managed-by-location',
    };
  }

  /**
   * The CI configuration files of a repository. Throws
   * {@link RepositoryNotModified} when `etag` is still current.
   */
  async readCiFiles(
    location: Exclude<RepositoryLocation, { type: 'none' }>,
    etag?: string,
  ): Promise<CiFiles> {
    return location.type === 'file'
      ? this.#readLocalCi(location.root)
      : this.#readRemoteCi(location.root, etag);
  }

  /**
   * A file next to the entity's `catalog-info.yaml`, by a relative path
   * that must stay inside the entity's directory. Returns the text and
   * where it was read from.
   */
  async readSibling(
    entity: Entity,
    path: string,
  ): Promise<{ text: string; location: string }> {
    if (isAbsolute(path) || /^[a-z]+:/i.test(path)) {
      throw new InputError(
        `"${path}" must be a path relative to catalog-info.yaml, e.g. ./slos.yaml`,
      );
    }
    const location = await this.locate(entity);
    if (location.type === 'file') {
      const target = resolve(location.catalogDir, path);
      const rel = relative(location.catalogDir, target);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        throw new InputError(
          `"${path}" points outside the directory of catalog-info.yaml`,
        );
      }
      return { text: await readLocal(target), location: `file:${target}` };
    }
    if (location.type === 'url' && location.catalogUrl) {
      if (path.split(/[\\/]/).includes('..')) {
        throw new InputError(
          `"${path}" points outside the directory of catalog-info.yaml`,
        );
      }
      const url = this.#integrations
        ? this.#integrations.resolveUrl({
            url: path,
            base: location.catalogUrl,
          })
        : new URL(path, location.catalogUrl).toString();
      const response = await this.#reader.readUrl(url);
      const buffer = await response.buffer();
      if (buffer.length > MAX_FILE_BYTES) {
        throw new InputError(`${url} is larger than ${MAX_FILE_BYTES} bytes`);
      }
      return { text: buffer.toString('utf8'), location: url };
    }
    throw new NotFoundError(
      `cannot read "${path}": ${
        location.type === 'none'
          ? location.reason
          : 'the entity has no location'
      }`,
    );
  }

  async #readLocalCi(root: string): Promise<CiFiles> {
    const files: CiFiles['files'] = [];
    let workflows: string[] = [];
    try {
      workflows = (await fs.readdir(join(root, WORKFLOW_DIR)))
        .filter(name => /\.ya?ml$/i.test(name))
        .sort()
        .slice(0, MAX_WORKFLOWS);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const path of [
      ...workflows.map(name => `${WORKFLOW_DIR}/${name}`),
      ...SINGLE_CI_FILES,
    ]) {
      try {
        files.push({ path, text: await readLocal(join(root, path)) });
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return { files };
  }

  async #readRemoteCi(root: string, etag?: string): Promise<CiFiles> {
    const files: CiFiles['files'] = [];
    let newEtag: string | undefined;
    try {
      const result = await this.#reader.search(
        `${root}${WORKFLOW_DIR}/*.y*ml`,
        { etag },
      );
      newEtag = result.etag;
      for (const file of result.files.slice(0, MAX_WORKFLOWS)) {
        const buffer = await file.content();
        files.push({
          path: `${WORKFLOW_DIR}/${file.url.split('/').pop()}`,
          text: buffer.subarray(0, MAX_FILE_BYTES).toString('utf8'),
        });
      }
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'NotModifiedError') throw new RepositoryNotModified();
      if (name !== 'NotFoundError') throw error;
    }
    for (const path of SINGLE_CI_FILES) {
      try {
        const response = await this.#reader.readUrl(`${root}${path}`);
        const buffer = await response.buffer();
        files.push({
          path,
          text: buffer.subarray(0, MAX_FILE_BYTES).toString('utf8'),
        });
      } catch (error) {
        if ((error as Error).name !== 'NotFoundError') throw error;
      }
    }
    return { files, etag: newEtag };
  }
}

async function readLocal(path: string): Promise<string> {
  let stat;
  try {
    stat = await fs.lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NotFoundError(`${path} does not exist`);
    }
    throw error;
  }
  // Symbolic links could point anywhere; they are not followed.
  if (!stat.isFile()) throw new NotFoundError(`${path} is not a regular file`);
  if (stat.size > MAX_FILE_BYTES) {
    throw new InputError(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
  }
  return fs.readFile(path, 'utf8');
}

/** The nearest directory at or above `dir` with a `.git`, else `dir`. */
async function gitRoot(dir: string): Promise<string> {
  let current = dir;
  for (let i = 0; i < 8; i++) {
    try {
      await fs.stat(join(current, '.git'));
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  return dir;
}

/**
 * The root of the repository a GitHub/GitLab/Bitbucket URL points into,
 * ending with `/` (e.g. `https://github.com/o/r/tree/main/`); other URLs
 * are used as they are, as a directory.
 */
export function repositoryRootUrl(url: string): string {
  const github =
    /^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/(?:tree|blob)\/([^/?#]+)/.exec(url);
  if (github) return `${github[1]}/tree/${github[2]}/`;
  const gitlab = /^(https?:\/\/[^?#]+?)\/-\/(?:tree|blob)\/([^/?#]+)/.exec(url);
  if (gitlab) return `${gitlab[1]}/-/tree/${gitlab[2]}/`;
  const clean = url.split(/[?#]/)[0];
  if (clean.endsWith('/')) return clean;
  const last = clean.slice(clean.lastIndexOf('/') + 1);
  // A last segment with a dot names a file (catalog-info.yaml).
  return last.includes('.')
    ? clean.slice(0, clean.length - last.length)
    : `${clean}/`;
}
