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
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { RoadmapItem } from '@paved/plugin-paved-common';
import { RoadmapOutcomeView } from './RoadmapOutcomeView';

/** Where a linked feedback request opens. */
export const feedbackRequestLink = (id: string) =>
  `/paved/feedback?request=${encodeURIComponent(id)}`;

/** One roadmap item: title, owner, problem, linked requests, outcome. */
export const RoadmapCard = (props: { item: RoadmapItem }) => {
  const { item } = props;
  return (
    <Card variant="outlined" data-testid={`roadmap-item-${item.name}`}>
      <CardContent>
        <Typography variant="subtitle1" component="h3">
          <EntityRefLink entityRef={item.ref} title={item.title} />
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          Owner <EntityRefLink entityRef={item.owner} defaultKind="group" />
          {item.shippedOn ? ` · shipped ${item.shippedOn}` : ''}
        </Typography>
        <Box my={1}>
          <Typography variant="body2">{item.problem}</Typography>
        </Box>
        {item.requests.length ? (
          <Box mb={1} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {item.requests.map(id => (
              <Link key={id} to={feedbackRequestLink(id)}>
                <Chip
                  size="small"
                  clickable
                  label={`Request ${id.length > 8 ? id.slice(0, 8) : id}`}
                />
              </Link>
            ))}
          </Box>
        ) : null}
        <RoadmapOutcomeView outcome={item.outcome} />
      </CardContent>
    </Card>
  );
};
