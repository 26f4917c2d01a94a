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
import { mockServices } from '@backstage/backend-test-utils';
import { isInsideDirectory, readLocalRepositoriesBaseDir } from '.';

describe('readLocalRepositoriesBaseDir', () => {
  const config = (baseDir?: string) =>
    mockServices.rootConfig({
      data: baseDir
        ? { paved: { scaffolder: { localPublisher: { baseDir } } } }
        : {},
    });

  it('defaults to data/repos at the repository root when run from packages/backend', () => {
    expect(
      readLocalRepositoriesBaseDir(config(), '/srv/paved/packages/backend'),
    ).toBe('/srv/paved/data/repos');
  });

  it('resolves a relative baseDir against the working directory', () => {
    expect(readLocalRepositoriesBaseDir(config('repos'), '/srv/app')).toBe(
      '/srv/app/repos',
    );
    expect(readLocalRepositoriesBaseDir(config('./a/../b'), '/srv/app')).toBe(
      '/srv/app/b',
    );
  });

  it('keeps an absolute baseDir as it is', () => {
    expect(
      readLocalRepositoriesBaseDir(config('/var/lib/paved/repos'), '/srv/app'),
    ).toBe('/var/lib/paved/repos');
  });

  it('uses the process working directory when none is given', () => {
    const cwd = jest.spyOn(process, 'cwd').mockReturnValue('/opt/backend');
    try {
      expect(readLocalRepositoriesBaseDir(config('repos'))).toBe(
        '/opt/backend/repos',
      );
    } finally {
      cwd.mockRestore();
    }
  });
});

describe('isInsideDirectory', () => {
  const base = '/srv/repos';

  it.each([
    ['a repository', '/srv/repos/checkout'],
    ['a file deep inside', '/srv/repos/checkout/catalog-info.yaml'],
    [
      'a path that leaves and comes back',
      '/srv/repos/a/../b/catalog-info.yaml',
    ],
    [
      'a base given with a trailing slash',
      '/srv/repos/checkout',
      '/srv/repos/',
    ],
    ['a base given with .. segments', '/srv/repos/checkout', '/srv/x/../repos'],
  ])('accepts %s', (_, target, baseDir = base) => {
    expect(isInsideDirectory(baseDir, target)).toBe(true);
  });

  it.each([
    ['the directory itself', '/srv/repos'],
    ['the directory with a trailing slash', '/srv/repos/'],
    ['its parent', '/srv'],
    ['a sibling sharing its name as prefix', '/srv/repos-other/x'],
    ['a way out through ..', '/srv/repos/checkout/../../etc/passwd'],
    ['an unrelated absolute path', '/etc/passwd'],
  ])('rejects %s', (_, target) => {
    expect(isInsideDirectory(base, target)).toBe(false);
  });

  it('resolves relative paths against the working directory', () => {
    const cwd = process.cwd();
    expect(isInsideDirectory(cwd, 'repos/checkout')).toBe(true);
    expect(isInsideDirectory(cwd, '../elsewhere')).toBe(false);
  });
});
