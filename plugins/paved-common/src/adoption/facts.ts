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
import * as generated from '../generated/models';

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
export type CatalogFacts = generated.CatalogFacts;

/**
 * Facts read from the component's repository (retriever `repository`).
 *
 * @public
 */
export type RepositoryFacts = generated.RepositoryFacts;

/**
 * Facts from the deployment ledger (retriever `ledger`), from every
 * environment, production or not.
 *
 * @public
 */
export type LedgerFacts = generated.LedgerFacts;

/**
 * Every fact about a component, by retriever.
 *
 * @public
 */
export type EntityFacts = generated.EntityFacts;

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
