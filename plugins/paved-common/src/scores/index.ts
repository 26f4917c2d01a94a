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
 * Score (score.dev) workload model: parsing with positions, validation
 * against the official schema and the Score tools' semantic checks, and the
 * mapping to Backstage catalog entities.
 */

export * from './types';
export { parseScoreFile, SCORE_PARSE_DEFAULTS } from './parse';
export { validateScoreFiles, loadScoreFiles } from './validate';
export { formatScorePath, formatScoreProblem } from './paths';
export { parsePlaceholders, splitRefParts } from './placeholders';
export type { ParsedPlaceholders, ScorePlaceholder } from './placeholders';
export { scoreResourceUid } from './resourceUid';
export {
  isSecretLikeName,
  REDACTED,
  redactSecretArgs,
  redactSecretParams,
  redactSecretsInText,
  redactSecretValue,
} from './secrets';
export {
  SCORE_ANNOTATIONS,
  SCORE_ENTITY_DEFAULTS,
  scoreComponentFields,
  scoreResourceEntities,
  scoreResourceEntityName,
  scoreServiceTarget,
  scoreToEntities,
  scoreWorkloadDependsOn,
  scoreWorkloadSummary,
} from './entities';
export type {
  ScoreEntityDefaults,
  ScoreEntityOptions,
  ScoreWorkloadSummary,
} from './entities';
