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

import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import {
  ScmIntegrationRegistry,
  ScmIntegrations,
} from '@backstage/integration';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  formatScoreProblem,
  loadScoreFiles,
  SCORE_ANNOTATIONS,
  SCORE_PARSE_DEFAULTS,
  scoreComponentFields,
  scoreResourceEntities,
  scoreToEntities,
  ValidScoreWorkload,
} from '@paved/plugin-paved-common';
import path from 'node:path';
import { readScoreText } from './readScoreText';
import { readScoreProcessorSettings, ScoreProcessorSettings } from './settings';

/**
 * Whether a location target names a Score file: `score.yaml`, `score.yml`
 * or `*.score.yaml` / `*.score.yml` (query strings and fragments ignored).
 *
 * @public
 */
export function isScoreFileTarget(target: string): boolean {
  let pathname = target;
  try {
    pathname = new URL(target).pathname;
  } catch {
    // not a URL: a file path
  }
  const base = pathname.split(/[\\/]/).pop() ?? '';
  return /^(score|.+\.score)\.ya?ml$/i.test(base);
}

/** @public */
export interface ScoreProcessorOptions {
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  logger?: LoggerService;
  settings?: Partial<ScoreProcessorSettings>;
}

/**
 * Turns Score workload files into catalog entities.
 *
 * - `readLocation`: a `url` or `file` location whose target is a Score file
 *   emits one Component per workload and the Resources they declare.
 * - `preProcessEntity`: a Component with the `paved.dev/score-file`
 *   annotation (a path relative to its catalog-info.yaml) is enriched from
 *   its workload: Score annotations, `spec.dependsOn`, missing spec fields.
 *
 * A broken Score file never yields an empty result: each problem is emitted
 * as an error, which makes the catalog keep the last good entities.
 *
 * @public
 */
export class ScoreProcessor implements CatalogProcessor {
  readonly #reader: UrlReaderService;
  readonly #integrations: ScmIntegrationRegistry;
  readonly #logger?: LoggerService;
  readonly #settings: ScoreProcessorSettings;

  static fromConfig(
    config: Config,
    options: { reader: UrlReaderService; logger?: LoggerService },
  ): ScoreProcessor {
    return new ScoreProcessor({
      ...options,
      integrations: ScmIntegrations.fromConfig(config),
      settings: readScoreProcessorSettings(config),
    });
  }

  constructor(options: ScoreProcessorOptions) {
    this.#reader = options.reader;
    this.#integrations = options.integrations;
    this.#logger = options.logger;
    this.#settings = {
      defaults: options.settings?.defaults ?? {},
      limits: options.settings?.limits ?? {},
      maxWorkloadAnnotationBytes: options.settings?.maxWorkloadAnnotationBytes,
    };
  }

  getProcessorName(): string {
    return 'ScoreProcessor';
  }

  /** Runs before the built-in url/file readers (priority 20), which would parse Score files as entities. */
  getPriority(): number {
    return 10;
  }

  async readLocation(
    location: LocationSpec,
    optional: boolean,
    emit: CatalogProcessorEmit,
    _parser: unknown,
    cache: CatalogProcessorCache,
  ): Promise<boolean> {
    if (
      (location.type !== 'url' && location.type !== 'file') ||
      !isScoreFileTarget(location.target)
    ) {
      return false;
    }
    const text = await this.#read(location, location.target, emit, cache, {
      optional,
    });
    if (text === undefined) {
      return true;
    }
    const workloads = this.#validate(location, location.target, text, emit);
    if (!workloads) {
      return true;
    }
    const entities = scoreToEntities(workloads, {
      sourceUrl: location.target,
      defaults: this.#settings.defaults,
      maxWorkloadAnnotationBytes: this.#settings.maxWorkloadAnnotationBytes,
    });
    for (const entity of entities) {
      emit(
        processingResult.entity(location, entity, {
          locationKey: this.#locationKey(entity, location),
        }),
      );
    }
    emit(processingResult.refresh(`${location.type}:${location.target}`));
    return true;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    _originLocation: LocationSpec,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const ref = entity.metadata.annotations?.[SCORE_ANNOTATIONS.scoreFile];
    if (entity.kind !== 'Component' || !ref) {
      return entity;
    }
    const scoreUrl = this.#resolve(location, ref);
    if (!scoreUrl) {
      emit(
        processingResult.inputError(
          location,
          `${SCORE_ANNOTATIONS.scoreFile}: cannot resolve "${ref}" against ${location.type}:${location.target}`,
        ),
      );
      return entity;
    }
    const scoreLocation = { type: location.type, target: scoreUrl };
    const text = await this.#read(location, scoreUrl, emit, cache, {
      optional: false,
    });
    if (text === undefined) {
      return entity;
    }
    const workloads = this.#validate(location, scoreUrl, text, emit);
    if (!workloads) {
      return entity;
    }
    const valid =
      workloads.find(w => w.workload.metadata.name === entity.metadata.name) ??
      (workloads.length === 1 ? workloads[0] : undefined);
    if (!valid) {
      emit(
        processingResult.inputError(
          location,
          `${scoreUrl}: no workload named "${
            entity.metadata.name
          }" (workloads: ${workloads
            .map(w => w.workload.metadata.name)
            .join(', ')}); name the workload after the component`,
        ),
      );
      return entity;
    }
    return this.#enrich(entity, valid, scoreUrl, scoreLocation, emit);
  }

  #enrich(
    entity: Entity,
    valid: ValidScoreWorkload,
    scoreUrl: string,
    scoreLocation: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Entity {
    const spec = (entity.spec ?? {}) as Record<string, any>;
    // catalog-info.yaml stays the authority; Score only fills the gaps.
    const defaults = {
      ...this.#settings.defaults,
      namespace: entity.metadata.namespace ?? this.#settings.defaults.namespace,
    };
    const fields = scoreComponentFields(valid.workload, scoreUrl, {
      defaults,
      maxWorkloadAnnotationBytes: this.#settings.maxWorkloadAnnotationBytes,
    });
    const dependsOn = [
      ...new Set([
        ...(Array.isArray(spec.dependsOn) ? spec.dependsOn : []),
        ...fields.spec.dependsOn,
      ]),
    ];
    const tags = [
      ...new Set([...(entity.metadata.tags ?? []), ...(fields.tags ?? [])]),
    ];
    const owner = spec.owner ?? fields.spec.owner;
    const system = spec.system ?? fields.spec.system;
    const enriched: Entity = {
      ...entity,
      metadata: {
        ...entity.metadata,
        ...(tags.length ? { tags } : {}),
        annotations: {
          ...entity.metadata.annotations,
          ...fields.annotations,
        },
      },
      spec: {
        ...spec,
        type: spec.type ?? fields.spec.type,
        lifecycle: spec.lifecycle ?? fields.spec.lifecycle,
        owner,
        ...(system ? { system } : {}),
        dependsOn,
      },
    };
    for (const resource of scoreResourceEntities([valid], { defaults })) {
      // Resources follow the Component's ownership from catalog-info.yaml.
      resource.spec = {
        ...resource.spec,
        owner,
        ...(system ? { system } : {}),
      };
      emit(
        processingResult.entity(scoreLocation, resource, {
          locationKey: this.#locationKey(resource, scoreLocation),
        }),
      );
    }
    return enriched;
  }

  /** Resolves the annotation against the entity's own location, like CodeOwnersProcessor. */
  #resolve(location: LocationSpec, ref: string): string | undefined {
    if (location.type === 'url') {
      try {
        return this.#integrations.resolveUrl({
          url: ref,
          base: location.target,
        });
      } catch {
        return undefined;
      }
    }
    if (location.type === 'file') {
      return path.resolve(path.dirname(location.target), ref);
    }
    return undefined;
  }

  /** Reads the file, emitting an error (and returning undefined) on failure. */
  async #read(
    location: LocationSpec,
    target: string,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
    options: { optional: boolean },
  ): Promise<string | undefined> {
    try {
      return await readScoreText({
        type: location.type === 'file' ? 'file' : 'url',
        target,
        reader: this.#reader,
        maxBytes:
          this.#settings.limits.maxBytes ?? SCORE_PARSE_DEFAULTS.maxBytes,
        cache,
      });
    } catch (error) {
      const name = (error as Error)?.name;
      const code = (error as NodeJS.ErrnoException)?.code;
      if (name === 'NotFoundError' || code === 'ENOENT') {
        if (!options.optional) {
          emit(
            processingResult.notFoundError(
              location,
              `Score file ${target} does not exist`,
            ),
          );
        }
      } else if (name === 'ScoreFileTooLargeError') {
        emit(processingResult.inputError(location, (error as Error).message));
      } else {
        emit(
          processingResult.generalError(
            location,
            `Score file ${target} could not be read, ${stringifyError(error)}`,
          ),
        );
      }
      return undefined;
    }
  }

  /** Validates a file; emits one error per problem and returns undefined when any. */
  #validate(
    location: LocationSpec,
    file: string,
    text: string,
    emit: CatalogProcessorEmit,
  ): ValidScoreWorkload[] | undefined {
    const result = loadScoreFiles(
      [{ file, content: text }],
      this.#settings.limits,
    );
    const errors = result.problems.filter(p => p.severity === 'error');
    for (const problem of errors) {
      emit(processingResult.inputError(location, formatScoreProblem(problem)));
    }
    const warnings = result.problems.filter(p => p.severity === 'warning');
    if (warnings.length) {
      this.#logger?.debug(
        `Score file ${file}: ${warnings.map(formatScoreProblem).join('; ')}`,
      );
    }
    return errors.length ? undefined : result.workloads;
  }

  /**
   * Shared resources (with an `id`) are emitted by every Score file that
   * declares them. A common location key lets each of them own the entity
   * instead of all but the first being rejected as conflicts.
   */
  #locationKey(entity: Entity, location: LocationSpec): string {
    const annotations = entity.metadata.annotations ?? {};
    if (
      entity.kind === 'Resource' &&
      annotations[SCORE_ANNOTATIONS.scoreResourceId]
    ) {
      return `score-resource:${
        annotations[SCORE_ANNOTATIONS.scoreResourceUid]
      }`;
    }
    return `${location.type}:${location.target}`;
  }
}
