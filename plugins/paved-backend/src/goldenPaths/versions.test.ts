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
  compareTemplateVersions,
  parseTemplateAnnotation,
} from '@paved/plugin-paved-common';

describe('template versions', () => {
  it('parses name@version, also with an entity ref', () => {
    expect(parseTemplateAnnotation('paved-web@1.2.0')).toEqual({
      name: 'paved-web',
      version: '1.2.0',
    });
    expect(parseTemplateAnnotation('template:default/paved-web@2')).toEqual({
      name: 'paved-web',
      version: '2',
    });
    expect(parseTemplateAnnotation('paved-web')).toBeUndefined();
    expect(parseTemplateAnnotation('paved-web@')).toBeUndefined();
  });

  it('compares versions numerically, pre-releases first', () => {
    expect(compareTemplateVersions('1.9.0', '1.10.0')).toBeLessThan(0);
    expect(compareTemplateVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareTemplateVersions('1.0', '1.0.0')).toBe(0);
    expect(compareTemplateVersions('2.0.0-rc.1', '2.0.0')).toBeLessThan(0);
    expect(compareTemplateVersions('v2.0.0', '1.99.0')).toBeGreaterThan(0);
  });
});
