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
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** The roles Paved reads from `paved.permissions`, as normalised entity refs. */
export interface PavedRoles {
  /** Groups and users who may do everything in Paved. */
  admins: string[];
  /** Groups and users who may deploy (what they own) to production. */
  productionDeployers: string[];
}

/**
 * Reads `paved.permissions.admins` and `productionDeployers`. A ref
 * without a kind is a group (`platform-team` is
 * `group:default/platform-team`); a ref that does not parse stops the
 * backend with the key that holds it.
 */
export function readPavedRoles(config: Config): PavedRoles {
  const read = (key: 'admins' | 'productionDeployers') =>
    (config.getOptionalStringArray(`paved.permissions.${key}`) ?? []).map(
      (value, index) => {
        try {
          return stringifyEntityRef(
            parseEntityRef(value, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          );
        } catch (error) {
          throw new Error(
            `paved.permissions.${key}[${index}] '${value}' is not an entity ref: ${
              (error as Error).message
            }`,
          );
        }
      },
    );
  return {
    admins: read('admins'),
    productionDeployers: read('productionDeployers'),
  };
}
