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
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { RoadmapCard } from './RoadmapCard';

/**
 * The roadmap item of a RoadmapItem entity page: horizon, problem, linked
 * requests and the outcome metric (before → after once shipped).
 */
export const EntityRoadmapItemCard = () => {
  const { entity } = useEntity();
  const api = useApi(pavedApiRef);
  const ref = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.getRoadmapItem(ref),
    [api, ref],
  );
  return (
    <InfoCard
      title="Roadmap outcome"
      subheader={value ? `Horizon: ${value.horizon}` : undefined}
      deepLink={{ title: 'Open the roadmap', link: '/paved/roadmap' }}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <RoadmapCard item={value} />}
    </InfoCard>
  );
};
