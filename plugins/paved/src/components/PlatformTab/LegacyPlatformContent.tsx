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
import { Children, ReactNode } from 'react';
import { EntityDeploymentsCard, EntityWorkloadCard } from '../../plugin';
import { EntityAdoptionCard, EntitySloCard } from '../../adoptionExtensions';
import { EntityDoraCard } from '../../doraExtensions';
import { EntityNpsCard } from '../../surveyExtensions';
import { isSloAvailable } from '../Slos/isSloAvailable';
import { isScoreWorkloadAvailable } from '../WorkloadCard/workloadSummary';
import { isComponent } from '../../alpha/filters';
import { PlatformTab, PlatformTabCard } from './PlatformTab';

/** The Platform tab's cards in their default order. */
export const defaultPlatformCards: PlatformTabCard[] = [
  { element: <EntityDoraCard />, filter: isComponent },
  { element: <EntityDeploymentsCard />, filter: isComponent },
  { element: <EntityAdoptionCard />, filter: isComponent },
  { element: <EntitySloCard />, filter: isSloAvailable },
  { element: <EntityNpsCard /> },
  { element: <EntityWorkloadCard />, filter: isScoreWorkloadAvailable },
];

/**
 * The Platform tab for apps on the legacy frontend system: the default
 * cards, or the cards given as children, in their order.
 */
export const LegacyPlatformContent = ({
  children,
}: {
  children?: ReactNode;
}) => {
  const given = Children.toArray(children);
  return (
    <PlatformTab
      cards={
        given.length
          ? given.map(element => ({ element }))
          : defaultPlatformCards
      }
    />
  );
};
