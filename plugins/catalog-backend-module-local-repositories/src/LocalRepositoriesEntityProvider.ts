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
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
  locationSpecToLocationEntity,
} from '@backstage/plugin-catalog-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Serves every repository of Paved's local publisher that has a
 * `catalog-info.yaml` (`<baseDir>/<repo>/catalog-info.yaml`) as a catalog
 * Location of type `file`. Only that directory is ever read, and symbolic
 * links are not followed, so nothing can point the catalog at other files.
 *
 * @public
 */
export class LocalRepositoriesEntityProvider implements EntityProvider {
  readonly #baseDir: string;
  readonly #logger: LoggerService;
  readonly #schedule?: SchedulerServiceTaskRunner;
  #connection?: EntityProviderConnection;
  #running: Promise<number> = Promise.resolve(0);

  constructor(options: {
    baseDir: string;
    logger: LoggerService;
    /** Runs the periodic scan; without it the provider scans only on request. */
    schedule?: SchedulerServiceTaskRunner;
  }) {
    this.#baseDir = path.resolve(options.baseDir);
    this.#logger = options.logger;
    this.#schedule = options.schedule;
  }

  getProviderName(): string {
    return 'PavedLocalRepositories';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.#schedule?.run({
      id: `${this.getProviderName()}:scan`,
      fn: async () => {
        await this.scan();
      },
    });
  }

  /** The catalog-info.yaml files of the repositories under the base directory. */
  async findCatalogFiles(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.#baseDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    const files: string[] = [];
    for (const name of names.sort()) {
      const repo = path.join(this.#baseDir, name);
      const file = path.join(repo, 'catalog-info.yaml');
      const [repoStat, fileStat] = await Promise.all([
        fs.lstat(repo).catch(() => undefined),
        fs.lstat(file).catch(() => undefined),
      ]);
      if (repoStat?.isDirectory() && fileStat?.isFile()) {
        files.push(file);
      }
    }
    return files;
  }

  /**
   * Replaces the provider's locations with the repositories found now.
   * Calls are serialized; returns the number of locations.
   */
  scan(): Promise<number> {
    this.#running = this.#running
      .catch(() => 0)
      .then(async () => {
        if (!this.#connection) {
          // The catalog connects providers when it starts; an event that
          // arrives earlier is covered by the first scan after connecting.
          return 0;
        }
        const files = await this.findCatalogFiles();
        await this.#connection.applyMutation({
          type: 'full',
          entities: files.map(target => ({
            locationKey: `file:${target}`,
            entity: locationSpecToLocationEntity({
              location: { type: 'file', target, presence: 'required' },
            }),
          })),
        });
        this.#logger.debug(
          `${files.length} local repositories under ${this.#baseDir}`,
        );
        return files.length;
      });
    return this.#running;
  }
}
