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
import { entityLinkKeys, normaliseRepositoryUrl } from './linking';

const entity = (annotations: Record<string, string>) => ({
  kind: 'Component',
  metadata: { name: 'checkout', annotations },
});

describe('entityLinkKeys', () => {
  it('claims each link annotation, slugs case-insensitively', () => {
    expect(
      entityLinkKeys(
        entity({
          'github.com/project-slug': 'Acme/Checkout',
          'pagerduty.com/service-id': 'PA2P440',
          'argocd/app-name': 'checkout-prod',
          'paved.dev/orchestrator-project': 'checkout',
          'backstage.io/techdocs-ref': 'dir:.',
        }),
      ),
    ).toEqual([
      'github.com/project-slug=acme/checkout',
      'argocd/app-name=checkout-prod',
      'pagerduty.com/service-id=PA2P440',
      'paved.dev/orchestrator-project=checkout',
    ]);
  });

  it('derives the repository and its slug from the source location', () => {
    expect(
      entityLinkKeys(
        entity({
          'backstage.io/source-location':
            'url:https://github.com/Acme/checkout/tree/main/',
        }),
      ),
    ).toEqual([
      'backstage.io/source-location=https://github.com/acme/checkout',
      'github.com/project-slug=acme/checkout',
    ]);
    expect(
      entityLinkKeys(
        entity({
          'backstage.io/source-location':
            'url:https://gitlab.example.com/group/sub/app/-/tree/main',
        }),
      ),
    ).toContain('gitlab.com/project-slug=group/sub/app');
  });

  it('takes extra link keys from paved.dev/deployment-subject', () => {
    expect(
      entityLinkKeys(
        entity({
          'paved.dev/deployment-subject': 'jenkins/job=checkout, nonsense',
        }),
      ),
    ).toEqual(['jenkins/job=checkout']);
  });

  it('rejects what is not a repository URL', () => {
    expect(normaliseRepositoryUrl('not a url')).toBeUndefined();
    expect(
      normaliseRepositoryUrl('https://github.com/only-owner'),
    ).toBeUndefined();
  });
});
