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
 * Facts about one component, as the adoption fact retrievers collect them.
 * Like Backstage Tech Insights, each retriever produces one group of facts
 * per entity (`catalog`, `repository`, `ledger`), with a version, and the
 * checks and scores are pure functions over these facts.
 */

/**
 * Where a component stands with its golden path.
 *
 * - `none`: no `paved.dev/template` annotation
 * - `invalid`: the annotation is not `<template>@<version>`
 * - `missing`: the template is no longer in the catalog
 * - `outdated`: the template has a newer version
 * - `current`: created from the template's current version
 *
 * @public
 */
export type GoldenPathStatus =
  | 'none'
  | 'invalid'
  | 'missing'
  | 'outdated'
  | 'current';

/**
 * Facts read from the catalog entity (retriever `catalog`).
 *
 * @public
 */
export type CatalogFacts = {
  title?: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  /** Has a `paved.dev/score-file` annotation. */
  hasScoreFile: boolean;
  /** The catalog reports processing errors about the Score file. */
  scoreErrors: number;
  /** From the Score workload summary; 0 without a Score file. */
  containers: number;
  /** Environment variables of all containers. */
  variables: number;
  /** Resources the Score file declares. */
  scoreResources: number;
  goldenPath: {
    status: GoldenPathStatus;
    /** The annotation's template name and version, when it parses. */
    template?: string;
    version?: string;
    /** The template's version in the catalog now. */
    currentVersion?: string;
  };
  /** Score paths of golden-path defaults overridden at creation. */
  overrides: string[];
  /** Distinct `dependsOn` targets (components, resources, …). */
  dependencies: number;
  /** `dependsOn` Resources that the Score file does not declare. */
  resourcesOutsideScore: string[];
};

/**
 * Facts read from the component's repository (retriever `repository`).
 *
 * @public
 */
export type RepositoryFacts = {
  /**
   * `read`: the CI configuration was looked for; `unavailable`: the entity
   * names no repository Paved can read; `error`: reading failed.
   */
  status: 'read' | 'unavailable' | 'error';
  /** Why the repository was not read. */
  detail?: string;
  /** CI configuration files found, relative to the repository root. */
  ciFiles: string[];
  /** Commands in the CI configuration that run tests (first few). */
  testCommands: string[];
};

/**
 * Facts from the deployment ledger (retriever `ledger`), from every
 * environment, production or not.
 *
 * @public
 */
export type LedgerFacts = {
  /** Length of the window the deployment counts cover. */
  windowDays: number;
  /** Deployment records in the window, all environments. */
  deployments: number;
  /** Of those, recorded by an orchestrator or a CI/CD system. */
  automatedDeployments: number;
  /** Of those, recorded by hand (API or CLI without a pipeline run or link). */
  manualDeployments: number;
  /** Of those, production deployments. */
  productionDeployments: number;
  /** Distinct environments deployed to in the last 90 days. */
  environments: string[];
  /** ISO 8601, the newest deployment start in the window. */
  lastDeploymentAt?: string;
};

/**
 * Every fact about a component, by retriever.
 *
 * @public
 */
export type EntityFacts = {
  catalog: CatalogFacts;
  repository: RepositoryFacts;
  ledger: LedgerFacts;
};

/**
 * Versions of the fact retrievers; a new version is stored as a new fact
 * row even when the values did not change.
 *
 * @public
 */
export const ADOPTION_FACT_RETRIEVERS = {
  catalog: { version: '1.0.0', title: 'Catalog entity' },
  repository: { version: '1.0.0', title: 'Repository CI configuration' },
  ledger: { version: '1.0.0', title: 'Deployment ledger' },
} as const;

/** @public */
export type AdoptionFactRetrieverId = keyof typeof ADOPTION_FACT_RETRIEVERS;
