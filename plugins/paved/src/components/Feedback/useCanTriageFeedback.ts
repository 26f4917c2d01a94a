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
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { feedbackTriagePermission } from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the signed-in user may triage a request (the platform team).
 * Decided on the request's entity, as the backend does. A request about no
 * entity needs an unconditional allow there; the permission backend takes
 * no resource permission without a resource from a user, so the caller's
 * own User entity stands in. The backend decides again on every call.
 */
export function useCanTriageFeedback(entityRef?: string): boolean {
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const { allowed } = usePermission({
    permission: feedbackTriagePermission,
    resourceRef: entityRef ?? identity?.userEntityRef,
  });
  return allowed;
}
