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
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ADOPTION_FACT_RETRIEVERS,
  RepositoryFacts,
} from '@paved/plugin-paved-common';
import {
  CiFiles,
  RepositoryLocation,
  RepositoryNotModified,
  RepositoryReader,
} from '../RepositoryReader';
import { AdoptionFactRetriever } from './types';

/** How many repositories are read at the same time. */
const CONCURRENCY = 8;
const MAX_TEST_COMMANDS = 5;

/**
 * Commands that run tests, per line of a CI file. A heuristic on purpose:
 * it recognises the common test runners; docs/adoption.md lists them.
 */
const TEST_COMMAND =
  /\b(?:(?:npm|pnpm|bun)\s+(?:run\s+)?test(?::[\w:-]+)?|yarn\s+(?:run\s+)?test(?::[\w:-]+)?|npx\s+(?:jest|vitest|mocha|playwright\s+test)|(?:jest|vitest|mocha|pytest|tox|nox|phpunit|rspec)\b|python3?\s+-m\s+(?:pytest|unittest)|go\s+test|cargo\s+(?:test|nextest)|dotnet\s+test|mvnw?\s+[^\n]*\b(?:test|verify)\b|gradlew?\s+[^\n]*\b(?:test|check)\b|make\s+(?:test|check)|bundle\s+exec\s+(?:rspec|rake\s+test)|mix\s+test|sbt\s+[^\n]*\btest\b|backstage-cli\s+(?:package|repo)\s+test)/i;

/** Test commands found in CI files (exported for tests). */
export function findTestCommands(files: CiFiles['files']): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const line of file.text.split('\n')) {
      const trimmed = line.trim();
      // Comments do not run anything.
      if (trimmed.startsWith('#') || trimmed.startsWith('//')) continue;
      const match = TEST_COMMAND.exec(trimmed);
      if (match && !found.includes(match[0])) {
        found.push(match[0]);
        if (found.length >= MAX_TEST_COMMANDS) return found;
      }
    }
  }
  return found;
}

/** Runs `fn` over items with at most `limit` in flight. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]);
      }
    },
  );
  await Promise.all(workers);
  return results;
}

/**
 * Retriever `repository`: whether the component's repository has a CI
 * configuration and whether it runs tests. Components sharing a repository
 * (a monorepo) are read once per run.
 */
export function createRepositoryFactRetriever(
  reader: RepositoryReader,
): AdoptionFactRetriever<RepositoryFacts> {
  return {
    id: 'repository',
    version: ADOPTION_FACT_RETRIEVERS.repository.version,
    title: ADOPTION_FACT_RETRIEVERS.repository.title,
    description:
      'CI configuration files in the repository (GitHub Actions, GitLab CI, Jenkins, CircleCI, Azure Pipelines, Bitbucket Pipelines) and the test commands they run.',
    entityFilter: { kind: 'Component' },
    async handler({ entities, previous }) {
      const byRoot = new Map<
        string,
        Promise<{ facts: RepositoryFacts; etag?: string }>
      >();
      const read = (
        location: Exclude<RepositoryLocation, { type: 'none' }>,
        entityRef: string,
      ) => {
        const key = `${location.type}:${location.root}`;
        let pending = byRoot.get(key);
        if (!pending) {
          const before = previous.get(entityRef);
          pending = reader
            .readCiFiles(location, before?.etag)
            .then(ci => ({
              facts: {
                status: 'read' as const,
                ciFiles: ci.files.map(f => f.path),
                testCommands: findTestCommands(ci.files),
              },
              etag: ci.etag,
            }))
            .catch(error => {
              if (error instanceof RepositoryNotModified && before) {
                return { facts: before.facts, etag: before.etag };
              }
              return {
                facts: {
                  status: 'error' as const,
                  detail: String((error as Error).message).slice(0, 300),
                  ciFiles: [],
                  testCommands: [],
                },
              };
            });
          byRoot.set(key, pending);
        }
        return pending;
      };

      return mapLimit(entities, CONCURRENCY, async entity => {
        const entityRef = stringifyEntityRef(entity);
        const location = await reader.locate(entity);
        if (location.type === 'none') {
          return {
            entityRef,
            facts: {
              status: 'unavailable' as const,
              detail: location.reason,
              ciFiles: [],
              testCommands: [],
            },
          };
        }
        const { facts, etag } = await read(location, entityRef);
        return { entityRef, facts, ...(etag ? { etag } : {}) };
      });
    },
  };
}
