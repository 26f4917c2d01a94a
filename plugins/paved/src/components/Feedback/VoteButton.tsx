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
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import { FeedbackRequest } from '@paved/plugin-paved-common';
import ThumbUpIcon from '@material-ui/icons/ThumbUp';
import ThumbUpOutlinedIcon from '@material-ui/icons/ThumbUpOutlined';
import { useState } from 'react';
import { pavedApiRef } from '../../api';

/** An error as the API explains it, for an inline message. */
export function errorMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The vote toggle: shows the count; pressing it votes, or withdraws the
 * caller's vote.
 */
export const VoteButton = (props: {
  request: FeedbackRequest;
  onChange: (updated: FeedbackRequest) => void;
  onError: (message: string) => void;
}) => {
  const { request, onChange, onError } = props;
  const api = useApi(pavedApiRef);
  const [busy, setBusy] = useState(false);
  const merged = Boolean(request.mergedInto);
  const toggle = async () => {
    setBusy(true);
    try {
      onChange(
        request.votedByMe
          ? await api.unvoteFeedback(request.id)
          : await api.voteFeedback(request.id),
      );
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      variant={request.votedByMe ? 'contained' : 'outlined'}
      color="primary"
      disabled={busy || merged}
      onClick={toggle}
      startIcon={request.votedByMe ? <ThumbUpIcon /> : <ThumbUpOutlinedIcon />}
      aria-pressed={request.votedByMe}
      aria-label={`${request.votedByMe ? 'Withdraw vote for' : 'Vote for'} ${
        request.title
      } (${request.votes} votes)`}
    >
      {request.votes}
    </Button>
  );
};
