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
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { cardFilter } from './cardFilter';
import { PlatformTab } from './PlatformTab';

const component = (type = 'service'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service' },
  spec: { type },
});
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop' },
  spec: {},
};

describe('PlatformTab', () => {
  const render = (entity: Entity) =>
    renderInTestApp(
      <EntityProvider entity={entity}>
        <PlatformTab
          cards={[
            {
              element: <p>DORA card</p>,
              filter: cardFilter(undefined, 'kind:component'),
            },
            { element: <p>NPS card</p> },
            {
              element: <p>Website card</p>,
              filter: cardFilter(e => e.spec?.type === 'website'),
            },
          ]}
        />
      </EntityProvider>,
    );

  it('shows the cards that apply to the entity, in the order given', async () => {
    await render(component());
    expect(screen.getAllByText(/card$/).map(e => e.textContent)).toEqual([
      'DORA card',
      'NPS card',
    ]);
  });

  it('leaves out cards for other kinds', async () => {
    await render(system);
    expect(screen.getAllByText(/card$/).map(e => e.textContent)).toEqual([
      'NPS card',
    ]);
  });

  it('explains an empty tab', async () => {
    await renderInTestApp(
      <EntityProvider entity={system}>
        <PlatformTab cards={[]} />
      </EntityProvider>,
    );
    expect(
      screen.getByText('No Paved cards for this entity'),
    ).toBeInTheDocument();
  });
});

describe('cardFilter', () => {
  it('prefers the function over the expression', () => {
    const filter = cardFilter(() => false, 'kind:component')!;
    expect(filter(component())).toBe(false);
  });

  it('matches every term of an expression, case-insensitively', () => {
    const filter = cardFilter(undefined, 'kind:Component,API type:service')!;
    expect(filter(component('service'))).toBe(true);
    expect(filter(component('website'))).toBe(false);
    expect(filter(system)).toBe(false);
  });

  it('never matches an unknown key', () => {
    expect(cardFilter(undefined, 'owner:team-a')!(component())).toBe(false);
  });

  it('has no filter without function or expression', () => {
    expect(cardFilter()).toBeUndefined();
  });
});
