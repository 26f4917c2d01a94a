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
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pavedApiRef } from '../../api';
import { feedbackRouteRef } from '../../routes';
import { FeedbackList } from './FeedbackList';
import { SubmitFeedbackDialog } from './SubmitFeedbackDialog';

/**
 * Feedback requests about the current entity, most votes first, with a
 * button to submit one about it.
 *
 * @public
 */
export const EntityFeedbackCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(pavedApiRef);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listFeedbackRequests({ entityRef, sort: 'votes', limit: 5 }),
    [api, entityRef],
  );
  // Requests open on the board, where the URL names the open request.
  const board = useRouteRef(feedbackRouteRef)();
  const navigate = useNavigate();
  const open = (id: string) =>
    navigate(`${board}?request=${encodeURIComponent(id)}`);

  return (
    <InfoCard
      title="Feedback"
      subheader="Pain points and requests about this entity"
      action={
        <Button color="primary" onClick={() => setSubmitting(true)}>
          Submit feedback
        </Button>
      }
      deepLink={{ title: 'All feedback', link: board }}
    >
      {message && <Alert severity="error">{message}</Alert>}
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.totalCount === 0 && (
        <EmptyState
          missing="data"
          title="No feedback about this entity"
          description="Is something about it slowing you down? Tell the platform team."
        />
      )}
      {value && value.totalCount > 0 && (
        <>
          <FeedbackList
            items={value.items}
            hideEntity
            onOpen={open}
            onChange={retry}
            onError={setMessage}
          />
          {value.totalCount > value.items.length && (
            <Link to={board}>
              {value.totalCount - value.items.length} more on the board
            </Link>
          )}
        </>
      )}
      <SubmitFeedbackDialog
        open={submitting}
        entityRef={entityRef}
        onClose={() => setSubmitting(false)}
        onSubmitted={() => {
          setSubmitting(false);
          retry();
        }}
      />
    </InfoCard>
  );
};
