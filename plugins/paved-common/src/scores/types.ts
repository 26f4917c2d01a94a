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
 * TypeScript view of a Score workload (`apiVersion: score.dev/v1b1`), after
 * the deprecated array forms of `files` and `volumes` have been upgraded.
 * Mirrors `score-v1b1.json`; only what the schema guarantees is typed.
 *
 * @public
 */
export interface ScoreWorkload {
  apiVersion: 'score.dev/v1b1';
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  service?: {
    ports?: Record<string, ScoreServicePort>;
  };
  containers: Record<string, ScoreContainer>;
  resources?: Record<string, ScoreResource>;
}

/** @public */
export interface ScoreServicePort {
  port: number;
  protocol?: 'TCP' | 'UDP';
  targetPort?: number;
}

/** @public */
export interface ScoreContainer {
  image: string;
  command?: string[];
  args?: string[];
  variables?: Record<string, string>;
  /** Keyed by target path in the container. */
  files?: Record<string, ScoreContainerFile>;
  /** Keyed by target path in the container. */
  volumes?: Record<string, ScoreContainerVolume>;
  before?: Record<string, { ready: 'started' | 'healthy' | 'complete' }>;
  resources?: {
    limits?: ScoreResourceLimits;
    requests?: ScoreResourceLimits;
  };
  livenessProbe?: ScoreContainerProbe;
  readinessProbe?: ScoreContainerProbe;
}

/** @public */
export interface ScoreContainerFile {
  mode?: string;
  source?: string;
  content?: string;
  binaryContent?: string;
  noExpand?: boolean;
}

/** @public */
export interface ScoreContainerVolume {
  source: string;
  path?: string;
  readOnly?: boolean;
}

/** @public */
export interface ScoreResourceLimits {
  memory?: string;
  cpu?: string;
}

/** @public */
export interface ScoreContainerProbe {
  httpGet?: {
    host?: string;
    scheme?: 'HTTP' | 'HTTPS';
    path: string;
    port: number;
    httpHeaders?: Array<{ name: string; value: string }>;
  };
  exec?: { command: string[] };
}

/** @public */
export interface ScoreResource {
  type: string;
  class?: string;
  id?: string;
  metadata?: {
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  params?: Record<string, unknown>;
}

/**
 * One problem found in a Score file. `line` and `column` are 1-based and
 * point at the offending key or value; `path` is the dotted JSON path inside
 * the workload (for example `containers.web.variables.DB_URL`).
 *
 * @public
 */
export interface ScoreProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  code: ScoreProblemCode;
  /** Warnings (deprecated forms, hard-coded secrets) do not make a file invalid. */
  severity: 'error' | 'warning';
}

/**
 * Machine readable class of a {@link ScoreProblem}.
 *
 * @public
 */
export type ScoreProblemCode =
  | 'file-too-large'
  | 'yaml-syntax'
  | 'yaml-tag'
  | 'yaml-alias'
  | 'yaml-depth'
  | 'not-a-mapping'
  | 'deprecated-form'
  | 'schema'
  | 'placeholder-syntax'
  | 'placeholder-unknown-root'
  | 'placeholder-unknown-resource'
  | 'placeholder-unknown-metadata'
  | 'resource-cycle'
  | 'resource-conflict'
  | 'resource-params'
  | 'before-unknown-container'
  | 'before-cycle'
  | 'before-probe'
  | 'duplicate-workload'
  | 'hardcoded-secret';

/**
 * Limits that protect the parser against hostile or broken input.
 *
 * @public
 */
export interface ScoreParseOptions {
  /** Maximum file size in bytes (UTF-8). Default 1 MiB. */
  maxBytes?: number;
  /** Maximum number of YAML alias dereferences per document. Default 100. */
  maxAliasCount?: number;
  /** Maximum nesting depth of mappings and sequences. Default 64. */
  maxDepth?: number;
}

/**
 * One YAML document of a Score file, parsed but not yet validated.
 *
 * @public
 */
export interface ScoreDocument {
  /** The file name or URL the document came from, as given to the parser. */
  file: string;
  /** 0-based index of the document inside its file. */
  index: number;
  /** Plain JS value of the document, with the deprecated forms upgraded. */
  value: unknown;
  /** Resolves a JSON path inside `value` to a 1-based position in the file. */
  locate(
    path: ReadonlyArray<string | number>,
    options?: ScoreLocateOptions,
  ): ScorePosition;
}

/** @public */
export interface ScoreLocateOptions {
  /** Point at the key of the last path segment rather than its value. */
  key?: boolean;
  /** Point at this text inside the scalar value, when it can be found. */
  needle?: string;
}

/** @public */
export interface ScorePosition {
  line: number;
  column: number;
}

/**
 * The result of {@link parseScoreFile}.
 *
 * @public
 */
export interface ParsedScoreFile {
  file: string;
  documents: ScoreDocument[];
  problems: ScoreProblem[];
}

/**
 * A workload that passed validation, with where it came from.
 *
 * @public
 */
export interface ValidScoreWorkload {
  file: string;
  documentIndex: number;
  workload: ScoreWorkload;
}

/**
 * The result of {@link validateScoreFiles}. `workloads` only holds the
 * workloads of documents without errors; `problems` holds every problem of
 * every file, parse problems included.
 *
 * @public
 */
export interface ScoreValidationResult {
  workloads: ValidScoreWorkload[];
  problems: ScoreProblem[];
}
