/*
 * The Paved portal's backend: the Backstage plugins the portal uses plus the
 * Paved plugin and its modules, on the new backend system. Which of them are
 * active, and how, is set in app-config*.yaml.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// Paved's policy: admins and production deployers from paved.permissions,
// entity owners from the catalog (docs/security.md)
backend.add(import('@paved/plugin-permission-backend-module-paved-policy'));

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// events plugin: HTTP ingress and event bus shared by catalog, signals and Paved
backend.add(import('@backstage/plugin-events-backend'));

// Paved: REST API, ledger and metrics, plus the Score catalog processor
backend.add(import('@paved/plugin-paved-backend'));
// Humanitec Platform Orchestrator provider (active when paved.orchestrators.humanitec is configured)
backend.add(import('@paved/plugin-paved-backend-module-humanitec'));
// In-memory example orchestrator (development only: active when
// paved.orchestrators.example is configured; production switches it off)
backend.add(import('@paved/plugin-paved-backend-module-example-provider'));
// Labelled demo data (adoption history, page views, survey answers); off with
// paved.demoData.enabled: false, as app-config.production.yaml sets. A
// production backend of your own leaves this module out.
backend.add(import('@paved/plugin-paved-backend-module-demo-data'));
backend.add(import('@paved/plugin-catalog-backend-module-score'));
// The Survey catalog kind (developer satisfaction surveys)
backend.add(import('@paved/plugin-catalog-backend-module-surveys'));
// The RoadmapItem catalog kind (the platform roadmap as code)
backend.add(import('@paved/plugin-catalog-backend-module-roadmap'));
// Golden paths: scaffolder actions (Score, local publisher) and the catalog
// module that ingests the local publisher's repositories
backend.add(import('@paved/plugin-scaffolder-backend-module-paved'));
backend.add(import('@paved/plugin-catalog-backend-module-local-repositories'));
backend.start();
