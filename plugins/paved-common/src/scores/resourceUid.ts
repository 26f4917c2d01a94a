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

import { ScoreResource } from './types';

/**
 * The identity of a resource across workloads, as in score-go
 * `framework.NewResourceUid`: `<type>.<class>#<id>` when the resource has an
 * `id` (shared by every workload declaring the same type, class and id),
 * otherwise `<type>.<class>#<workload>.<resource name>`. The class defaults
 * to `default`.
 *
 * @public
 */
export function scoreResourceUid(
  workloadName: string,
  resourceName: string,
  resource: Pick<ScoreResource, 'type' | 'class' | 'id'>,
): string {
  const cls = resource.class ?? 'default';
  return resource.id !== undefined
    ? `${resource.type}.${cls}#${resource.id}`
    : `${resource.type}.${cls}#${workloadName}.${resourceName}`;
}
