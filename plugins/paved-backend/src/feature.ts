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
import {
  AuditorService,
  AuthService,
  DiscoveryService,
  LifecycleService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { OrchestratorProvider } from '@paved/plugin-paved-node';
import express from 'express';
import { Knex } from 'knex';
import { DemoDataSeeders } from './demoDataSeeders';
import { PavedActions } from './actions/PavedActions';
import { GuardedRouter } from './http/routeGuard';

/** What every feature is built from: core services and the database. */
export interface FeatureEnv {
  /** Registers the feature's actions for agents (served over MCP). */
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  auth: AuthService;
  catalog: CatalogService;
  config: RootConfigService;
  db: Knex;
  discovery: DiscoveryService;
  lifecycle: LifecycleService;
  logger: LoggerService;
  /** Backstage notifications: status changes, invitations, reports. */
  notifications: NotificationService;
  /** Decisions a route asks beyond its own rule (the parts of a batch). */
  permissions: PermissionsService;
  scheduler: SchedulerService;
  urlReader: UrlReaderService;
  /** The orchestrator providers registered through the extension point. */
  providers: () => OrchestratorProvider[];
  /**
   * A demo data module registered seeders: labelled demo data is seeded,
   * shown and counted apart.
   */
  demoData: boolean;
  /** The seeders of the demo data modules, for features to call. */
  demoSeeders: DemoDataSeeders;
}

/** A built feature, as plugin.ts mounts it. */
export interface PavedFeature {
  /** Adds the feature's routes; each goes through the route guard. */
  registerRoutes(router: GuardedRouter): void;
  /**
   * Registers the feature's actions for agents (actions/PavedActions.ts);
   * each goes through the same guard as the routes.
   */
  registerActions?(actions: PavedActions): void;
  /**
   * A router outside Backstage authentication that authenticates its own
   * callers (signed webhooks), with the path prefix it is exempt on.
   */
  selfAuthenticatedRouter?: { path: string; router: express.Router };
}
