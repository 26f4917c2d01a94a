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
import fs from 'node:fs/promises';
import path from 'node:path';
import { readScoreText } from './readScoreText';
import {
  DEFAULT_MAX_WORKLOADS_PER_FILE,
  readScoreProcessorSettings,
  ScoreProcessorSettings,
} from './settings';

/** Most problems reported per file; the rest are summed up in one error. */
const MAX_REPORTED_PROBLEMS = 50;

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
 *   The path must stay inside the directory of its catalog-info.yaml (the
 *   rule the SLO reader applies): absolute URLs or paths and `../` escapes
 *   are errors on the entity.
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
      // An undefined limit would override the parser's default with none.
      limits: Object.fromEntries(
        Object.entries(options.settings?.limits ?? {}).filter(
          ([, value]) => value !== undefined,
        ),
      ),
      maxWorkloadAnnotationBytes: options.settings?.maxWorkloadAnnotationBytes,
      maxWorkloadsPerFile: options.settings?.maxWorkloadsPerFile,
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
    const resolved = await this.#resolve(location, ref);
    if ('error' in resolved) {
      emit(
        processingResult.inputError(
          location,
          `${SCORE_ANNOTATIONS.scoreFile}: ${resolved.error}`,
        ),
      );
      return entity;
    }
    const scoreUrl = resolved.target;
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

  /**
   * Resolves the annotation against the entity's own location, like
   * CodeOwnersProcessor, and keeps it there: a relative path inside the
   * directory of catalog-info.yaml. The one absolute value allowed is the
   * location itself: Components made from a Score file carry its URL.
   */
  async #resolve(
    location: LocationSpec,
    ref: string,
  ): Promise<{ target: string } | { error: string }> {
    if (ref === location.target) return { target: ref };
    const outside = `"${ref}" points outside the directory of ${location.target}; the Score file must be next to catalog-info.yaml or below it`;
    if (
      /^[a-z][a-z0-9+.-]*:/i.test(ref) ||
      ref.startsWith('/') ||
      ref.includes('\\') ||
      path.isAbsolute(ref)
    ) {
      return {
        error: `"${ref}" must be a path relative to catalog-info.yaml, e.g. ./score.yaml`,
      };
    }
    if (/[?#]/.test(ref)) {
      return {
        error: `"${ref}" must be a plain relative path, without ? or #`,
      };
    }
    if (ref.split('/').includes('..')) return { error: outside };
    if (location.type === 'url') {
      let target: string;
      let directory: string;
      try {
        target = this.#integrations.resolveUrl({
          url: ref,
          base: location.target,
        });
        directory = this.#integrations.resolveUrl({
          url: './',
          base: location.target,
        });
      } catch {
        return {
          error: `cannot resolve "${ref}" against ${location.type}:${location.target}`,
        };
      }
      // Also catches escapes the text check cannot see (%2e%2e).
      return target.startsWith(directory) && target !== directory
        ? { target }
        : { error: outside };
    }
    if (location.type === 'file') {
      const directory = path.dirname(location.target);
      const target = path.resolve(directory, ref);
      if (!isInside(directory, target)) return { error: outside };
      // A symbolic link on the way (a linked directory) must not lead out.
      try {
        const [realDirectory, realTarget] = await Promise.all([
          fs.realpath(directory),
          fs.realpath(target),
        ]);
        if (!isInside(realDirectory, realTarget)) return { error: outside };
      } catch (error) {
        // A missing file is reported by the read, as for any location.
        if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
      }
      return { target };
    }
    return {
      error: `cannot resolve "${ref}" against ${location.type}:${location.target}`,
    };
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
      } else if (
        name === 'ScoreFileTooLargeError' ||
        name === 'ScoreFileRefusedError'
      ) {
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
    for (const problem of errors.slice(0, MAX_REPORTED_PROBLEMS)) {
      emit(processingResult.inputError(location, formatScoreProblem(problem)));
    }
    if (errors.length > MAX_REPORTED_PROBLEMS) {
      emit(
        processingResult.inputError(
          location,
          `${file}: ${
            errors.length - MAX_REPORTED_PROBLEMS
          } more problems not listed`,
        ),
      );
    }
    const maxWorkloads =
      this.#settings.maxWorkloadsPerFile ?? DEFAULT_MAX_WORKLOADS_PER_FILE;
    if (result.workloads.length > maxWorkloads) {
      emit(
        processingResult.inputError(
          location,
          `${file}: ${result.workloads.length} workloads, more than the limit of ${maxWorkloads} per Score file (paved.score.maxWorkloadsPerFile)`,
        ),
      );
      return undefined;
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

/** Whether `target` is `directory` or below it (both absolute). */
function isInside(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}
