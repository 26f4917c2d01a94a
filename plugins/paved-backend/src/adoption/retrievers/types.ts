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
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AdoptionFactRetrieverId } from '@paved/plugin-paved-common';
import { StoredFacts } from '..';

/** Current version of each golden-path template, by template name. */
export type TemplateVersions = Map<
  string,
  { entityRef: string; title?: string; version?: string }
>;

/** What a fact retriever gets for one run. */
export type AdoptionFactContext<T> = {
  /** The components in scope (the retriever's entity filter). */
  entities: Entity[];
  templates: TemplateVersions;
  now: Date;
  /** The retriever's latest stored facts, e.g. to reuse ETags. */
  previous: Map<string, StoredFacts<T>>;
  logger: LoggerService;
};

/**
 * A fact retriever, shaped like Tech Insights' `FactRetriever`: an id and
 * version that are stored with every fact row, a description for the
 * docs, the entities it applies to, and a handler that returns facts per
 * entity. Unlike Tech Insights it gets the entities from the run (one
 * catalog read for all retrievers) and its facts are plain typed JSON.
 */
export interface AdoptionFactRetriever<T> {
  id: AdoptionFactRetrieverId;
  version: string;
  title: string;
  description: string;
  /** Catalog filter of the entities it covers. */
  entityFilter: Record<string, string>;
  handler(
    ctx: AdoptionFactContext<T>,
  ): Promise<Array<{ entityRef: string; facts: T; etag?: string }>>;
}
