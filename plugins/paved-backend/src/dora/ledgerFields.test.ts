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
import { hasHotfixTrailer } from './ledgerFields';

describe('hasHotfixTrailer', () => {
  it.each([
    'Fix refunds\n\nPaved-Hotfix: true',
    'Fix refunds\n\nBody text.\n\nHotfix: yes\nSigned-off-by: A <a@example.com>',
    'Fix refunds\r\n\r\npaved-hotfix:true\r\n',
    'Fix refunds\n\nReviewed-by: B\nHOTFIX: True',
  ])('finds the trailer in %j', message => {
    expect(hasHotfixTrailer(message)).toBe(true);
  });

  it.each([
    // A subject alone has no trailers.
    'Hotfix: true',
    // Not in the last paragraph.
    'Fix refunds\n\nHotfix: true\n\nSigned-off-by: A <a@example.com>',
    'Fix refunds\n\nPaved-Hotfix: false',
    'Fix refunds\n\nHotfix: maybe',
    'hotfix: the subject says so\n\nbut no trailer',
    '',
  ])('finds none in %j', message => {
    expect(hasHotfixTrailer(message)).toBe(false);
  });
});
