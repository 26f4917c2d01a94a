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
 * Paved's permission policy for the permission backend: admins and
 * production deployers from `paved.permissions`, entity owners from the
 * catalog, conditional decisions with the catalog's own rules.
 *
 * @packageDocumentation
 */

export {
  permissionModulePavedPolicy as default,
  pavedPolicyExtensionPoint,
} from './module';
export type { PavedPolicyExtensionPoint } from './module';
export {
  DefaultBasePolicy,
  PavedPermissionPolicy,
} from './PavedPermissionPolicy';
export type {
  PavedCaller,
  PavedPermissionPolicyOptions,
} from './PavedPermissionPolicy';
export { CatalogOwnershipResolver } from './OwnershipResolver';
export type { OwnershipClaimsResolver } from './OwnershipResolver';
export { readPavedRoles } from './roles';
export type { PavedRoles } from './roles';
