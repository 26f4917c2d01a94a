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
 * Scaffolder actions of Paved's golden paths: `paved:score:generate`,
 * `paved:score:validate`, `paved:publish:local`,
 * `paved:catalog:assert-available` and `paved:catalog:register-local`.
 *
 * @packageDocumentation
 */

export { scaffolderModulePaved as default } from './module';
export { createScoreGenerateAction } from './actions/score/generate';
export { createScoreValidateAction } from './actions/score/validate';
export { createPublishLocalAction } from './actions/publish/local';
export { createCatalogAssertAvailableAction } from './actions/catalog/assertAvailable';
export { createCatalogRegisterLocalAction } from './actions/catalog/registerLocal';
export { createOrchestratorCreateApplicationAction } from './actions/orchestrator/createApplication';
export { createOrchestratorDeployAction } from './actions/orchestrator/deploy';
