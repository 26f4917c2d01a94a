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
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  ORCHESTRATOR_PROVIDER_PICKER,
  OrchestratorProviderPicker,
} from './components/OrchestratorProviderPicker';
import { pavedPlugin } from './plugin';

/**
 * The `PavedOrchestratorProviderPicker` scaffolder field for apps on the
 * legacy frontend system: render it inside `<ScaffolderFieldExtensions>`
 * of the scaffolder route. It offers the orchestrator providers the
 * backend registered, and `none`.
 *
 * @public
 */
export const PavedOrchestratorProviderPickerFieldExtension =
  pavedPlugin.provide(
    createScaffolderFieldExtension({
      name: ORCHESTRATOR_PROVIDER_PICKER,
      component: OrchestratorProviderPicker,
    }),
  );
