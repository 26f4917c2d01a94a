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

import { RootConfigService } from '@backstage/backend-plugin-api';
import path from 'node:path';

/**
 * Where the local publisher (`paved:publish:local`) creates repositories
 * when `paved.scaffolder.localPublisher.baseDir` is not set. Relative paths
 * resolve against the backend's working directory, which is
 * `packages/backend` in this repository, so the default is the git-ignored
 * `data/repos` at the repository root.
 *
 * @public
 */
export const LOCAL_REPOSITORIES_DEFAULT_BASE_DIR = '../../data/repos';

/**
 * Events topic on which the scaffolder announces a freshly published local
 * repository, so the catalog module ingests it at once instead of at its
 * next scan.
 *
 * @public
 */
export const LOCAL_REPOSITORY_PUBLISHED_TOPIC =
  'paved.local-repository.published';

/**
 * Payload of {@link LOCAL_REPOSITORY_PUBLISHED_TOPIC}.
 *
 * @public
 */
export interface LocalRepositoryPublishedEvent {
  /** Absolute path of the repository directory. */
  repoPath: string;
  /** Absolute path of its catalog-info.yaml. */
  catalogInfoPath: string;
}

/**
 * The absolute directory holding the local publisher's repositories, from
 * `paved.scaffolder.localPublisher.baseDir`.
 *
 * @public
 */
export function readLocalRepositoriesBaseDir(
  config: RootConfigService,
  cwd: string = process.cwd(),
): string {
  const configured = config.getOptionalString(
    'paved.scaffolder.localPublisher.baseDir',
  );
  return path.resolve(cwd, configured ?? LOCAL_REPOSITORIES_DEFAULT_BASE_DIR);
}

/**
 * Whether `target` lies strictly inside `baseDir`, comparing the paths after
 * resolving `.` and `..` segments, so a path from an action's input or an
 * event cannot name a file elsewhere on the machine. Symbolic links are not
 * followed: this compares paths, it does not read the file system.
 *
 * @public
 */
export function isInsideDirectory(baseDir: string, target: string): boolean {
  const relative = path.relative(path.resolve(baseDir), path.resolve(target));
  return (
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
  );
}
