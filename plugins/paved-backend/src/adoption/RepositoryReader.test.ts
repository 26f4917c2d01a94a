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
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { isAutomatedDeployment } from './retrievers/ledgerFacts';
import { findTestCommands } from './retrievers/repositoryFacts';
import {
  repositoryRootUrl,
  RepositoryNotModified,
  RepositoryReader,
} from './RepositoryReader';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
  spec: {},
});

describe('RepositoryReader', () => {
  const dir = createMockDirectory();

  it('reads CI files at the git root above a file location, not symlinks', async () => {
    dir.setContent({
      repo: {
        '.git': {},
        '.github': {
          workflows: {
            'ci.yml': 'steps:\n  - run: yarn test',
            'notes.txt': 'not a workflow',
          },
        },
        Jenkinsfile: "sh 'make test'",
        services: { api: { 'catalog-info.yaml': 'kind: Component' } },
      },
    });
    const reader = new RepositoryReader({
      reader: mockServices.urlReader.mock(),
    });
    const location = await reader.locate(
      entity({
        'backstage.io/managed-by-location': `file:${dir.resolve(
          'repo/services/api/catalog-info.yaml',
        )}`,
      }),
    );
    expect(location).toEqual({
      type: 'file',
      root: dir.resolve('repo'),
      catalogDir: dir.resolve('repo/services/api'),
    });
    const ci = await reader.readCiFiles(location as any);
    expect(ci.files.map(f => f.path)).toEqual([
      '.github/workflows/ci.yml',
      'Jenkinsfile',
    ]);
    expect(findTestCommands(ci.files)).toEqual(['yarn test', 'make test']);
  });

  it('says why an entity has no readable repository', async () => {
    const reader = new RepositoryReader({
      reader: mockServices.urlReader.mock(),
    });
    expect(await reader.locate(entity({}))).toEqual({
      type: 'none',
      reason: 'it has no backstage.io/managed-by-location',
    });
    expect(
      await reader.locate(
        entity({ 'backstage.io/managed-by-location': 'provider:demo' }),
      ),
    ).toEqual({
      type: 'none',
      reason: 'it comes from provider location, not from a repository',
    });
  });

  it('reads sibling files only inside the catalog-info.yaml directory', async () => {
    dir.setContent({
      repo: {
        'catalog-info.yaml': 'kind: Component',
        'slos.yaml': 'objectives: []',
        'secret.txt': 'top secret',
      },
    });
    const e = entity({
      'backstage.io/managed-by-location': `file:${dir.resolve(
        'repo/catalog-info.yaml',
      )}`,
    });
    const reader = new RepositoryReader({
      reader: mockServices.urlReader.mock(),
    });
    expect(await reader.readSibling(e, './slos.yaml')).toEqual({
      text: 'objectives: []',
      location: `file:${dir.resolve('repo/slos.yaml')}`,
    });
    await expect(reader.readSibling(e, '../repo/../x.yaml')).rejects.toThrow(
      '"../repo/../x.yaml" points outside the directory of catalog-info.yaml',
    );
    await expect(reader.readSibling(e, '/etc/passwd')).rejects.toThrow(
      'must be a path relative to catalog-info.yaml',
    );
    await expect(reader.readSibling(e, './missing.yaml')).rejects.toThrow(
      /does not exist/,
    );
  });

  it('reads a URL repository through the UrlReader with its ETag', async () => {
    const urlReader = mockServices.urlReader.mock({
      search: jest.fn(async (url: string, options?: { etag?: string }) => {
        expect(url).toBe(
          'https://github.com/acme/shop/tree/main/.github/workflows/*.y*ml',
        );
        if (options?.etag === 'sha-1') throw new NotModifiedError();
        return {
          etag: 'sha-1',
          files: [
            {
              url: 'https://github.com/acme/shop/tree/main/.github/workflows/ci.yaml',
              content: async () => Buffer.from('- run: go test ./...'),
            },
          ],
        };
      }) as any,
      readUrl: jest.fn(async (url: string) => {
        if (url.endsWith('.gitlab-ci.yml')) {
          return {
            buffer: async () => Buffer.from('test:\n  script: pytest'),
          } as any;
        }
        throw new NotFoundError(url);
      }),
    });
    const reader = new RepositoryReader({ reader: urlReader });
    const location = await reader.locate(
      entity({
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/shop/blob/main/services/cart/catalog-info.yaml',
        'backstage.io/source-location':
          'url:https://github.com/acme/shop/tree/main/services/cart/',
      }),
    );
    expect(location).toMatchObject({
      type: 'url',
      root: 'https://github.com/acme/shop/tree/main/',
    });
    const ci = await reader.readCiFiles(location as any);
    expect(ci.etag).toBe('sha-1');
    expect(ci.files.map(f => f.path)).toEqual([
      '.github/workflows/ci.yaml',
      '.gitlab-ci.yml',
    ]);
    expect(findTestCommands(ci.files)).toEqual(['go test', 'pytest']);
    await expect(reader.readCiFiles(location as any, 'sha-1')).rejects.toThrow(
      RepositoryNotModified,
    );
  });

  it('finds the repository root of hosted URLs', () => {
    expect(
      repositoryRootUrl('https://github.com/o/r/blob/main/a/catalog-info.yaml'),
    ).toBe('https://github.com/o/r/tree/main/');
    expect(
      repositoryRootUrl(
        'https://gitlab.com/g/sub/r/-/blob/dev/catalog-info.yaml',
      ),
    ).toBe('https://gitlab.com/g/sub/r/-/tree/dev/');
    expect(
      repositoryRootUrl('https://git.example.com/r/catalog-info.yaml'),
    ).toBe('https://git.example.com/r/');
    expect(repositoryRootUrl('https://git.example.com/r')).toBe(
      'https://git.example.com/r/',
    );
  });
});

describe('test command detection', () => {
  const find = (text: string) => findTestCommands([{ path: 'ci', text }]);
  it.each([
    ['- run: npm test', 'npm test'],
    ['- run: npm run test:unit', 'npm run test:unit'],
    ['- run: yarn test --coverage', 'yarn test'],
    ['- run: pnpm test', 'pnpm test'],
    ['script: go test ./...', 'go test'],
    ['- run: python -m pytest -q', 'python -m pytest'],
    ['- run: ./mvnw -B verify', 'mvnw -B verify'],
    ['- run: ./gradlew check', 'gradlew check'],
    ['- run: cargo test', 'cargo test'],
    ['- run: dotnet test', 'dotnet test'],
    ['- run: make test', 'make test'],
    ['- run: yarn backstage-cli repo test', 'backstage-cli repo test'],
  ])('finds %p', (line, command) => {
    expect(find(line)).toEqual([command]);
  });
  it('ignores builds, lint and comments', () => {
    expect(
      find(
        '- run: npm run build\n- run: eslint .\n# - run: npm test\n- run: docker build .',
      ),
    ).toEqual([]);
  });
});

describe('deployment automation', () => {
  it.each([
    [{ source: 'orchestrator:humanitec', linked: false }, true],
    [{ source: 'github', linked: false }, true],
    [{ source: 'argocd', linked: false }, true],
    [{ source: 'github-actions', linked: false }, true],
    [{ source: 'api', linked: true }, true],
    [{ source: 'api', linked: false }, false],
    [{ source: 'cli', linked: false }, false],
    [{ source: 'Manual', linked: false }, false],
  ])('%p is automated: %p', (record, automated) => {
    expect(isAutomatedDeployment(record)).toBe(automated);
  });
});
