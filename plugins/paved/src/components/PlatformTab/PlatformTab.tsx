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
import { EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { ReactNode } from 'react';

/** A card of the Platform tab: its element and which entities it is for. */
export type PlatformTabCard = {
  element: ReactNode;
  filter?: (entity: Entity) => boolean;
};

/**
 * The Platform tab of an entity page: Paved's cards (DORA, deployments,
 * adoption and scores, SLOs, NPS, the Score workload) in one column, in
 * the order given, each shown only for the entities its filter accepts.
 */
export const PlatformTab = ({ cards }: { cards: PlatformTabCard[] }) => {
  const { entity } = useEntity();
  const shown = cards.filter(card => !card.filter || card.filter(entity));
  if (!shown.length) {
    return (
      <EmptyState
        missing="content"
        title="No Paved cards for this entity"
        description="The Platform tab's cards are switched off in app.extensions, or none applies to this kind of entity."
      />
    );
  }
  return (
    <Grid container spacing={3} alignItems="stretch">
      {shown.map((card, index) => (
        <Grid item xs={12} key={index}>
          {card.element}
        </Grid>
      ))}
    </Grid>
  );
};
