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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import ChatBubbleOutlineIcon from '@material-ui/icons/ChatBubbleOutline';
import { FeedbackRequest } from '@paved/plugin-paved-common';
import { FeedbackOrigin } from './FeedbackDetailDialog';
import { FeedbackStatusChip } from './FeedbackStatusChip';
import { VoteButton } from './VoteButton';

/** Requests with their vote toggle, status and themes. */
export const FeedbackList = (props: {
  items: FeedbackRequest[];
  /** Leave out the entity (on the entity's own card). */
  hideEntity?: boolean;
  onOpen: (id: string) => void;
  onChange: (updated: FeedbackRequest) => void;
  onError: (message: string) => void;
}) => (
  <List aria-label="Feedback requests">
    {props.items.map(request => (
      <ListItem
        key={request.id}
        divider
        alignItems="flex-start"
        data-testid="feedback-request"
      >
        <Box mr={2} mt={0.5}>
          <VoteButton
            request={request}
            onChange={props.onChange}
            onError={props.onError}
          />
        </Box>
        <Box flex={1}>
          <Link
            component="button"
            variant="subtitle1"
            onClick={() => props.onOpen(request.id)}
            style={{ textAlign: 'left' }}
          >
            {request.title}
          </Link>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 6 }}
            mt={0.5}
          >
            <FeedbackStatusChip status={request.status} />
            {request.themes.map(theme => (
              <Chip key={theme} size="small" variant="outlined" label={theme} />
            ))}
            <Typography variant="caption" color="textSecondary">
              <FeedbackOrigin request={request} />
              {!props.hideEntity && request.entityRef && (
                <>
                  {' '}
                  · about <EntityRefLink entityRef={request.entityRef} />
                </>
              )}
              {request.area && <> · {request.area}</>}
            </Typography>
            <Typography
              variant="caption"
              color="textSecondary"
              aria-label={`${request.commentCount} comments`}
            >
              <ChatBubbleOutlineIcon
                style={{ fontSize: 12, verticalAlign: 'middle' }}
              />{' '}
              {request.commentCount}
            </Typography>
          </Box>
        </Box>
      </ListItem>
    ))}
  </List>
);
