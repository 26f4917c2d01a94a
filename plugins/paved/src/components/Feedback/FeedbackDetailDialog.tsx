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
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Divider from '@material-ui/core/Divider';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  FEEDBACK_TRANSITIONS,
  FeedbackRequest,
  FeedbackRequestDetail,
  FeedbackStatus,
  feedbackStatusLabel,
} from '@paved/plugin-paved-common';
import { FormEvent, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pavedApiRef } from '../../api';
import { FeedbackStatusChip } from './FeedbackStatusChip';
import { useCanTriageFeedback } from './useCanTriageFeedback';
import { errorMessage, VoteButton } from './VoteButton';

/** Who a request comes from: a person, or a survey period. */
export const FeedbackOrigin = (props: { request: FeedbackRequest }) => {
  const { request } = props;
  if (request.origin) {
    return (
      <>
        from survey <EntityRefLink entityRef={request.origin.survey} />, period{' '}
        {request.origin.period}
      </>
    );
  }
  return request.submitter ? (
    <>
      by <EntityRefLink entityRef={request.submitter} defaultKind="user" />
    </>
  ) : null;
};

const CommentForm = (props: {
  id: string;
  onChanged: () => void;
  onError: (message: string) => void;
}) => {
  const api = useApi(pavedApiRef);
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api.commentFeedback(props.id, text);
      setText('');
      props.onChanged();
    } catch (e) {
      props.onError(errorMessage(e));
    }
  };
  return (
    <form onSubmit={submit}>
      <TextField
        id="feedback-comment"
        label="Add a comment"
        value={text}
        onChange={e => setText(e.target.value)}
        fullWidth
        multiline
        margin="dense"
      />
      <Button type="submit" size="small" disabled={!text.trim()}>
        Comment
      </Button>
    </form>
  );
};

/** Status, reason, themes and merging, for the platform team. */
const TriageControls = (props: {
  request: FeedbackRequestDetail;
  onChanged: () => void;
  onError: (message: string) => void;
}) => {
  const { request } = props;
  const api = useApi(pavedApiRef);
  const next = FEEDBACK_TRANSITIONS[request.status];
  const [status, setStatus] = useState<FeedbackStatus | ''>('');
  const [reason, setReason] = useState('');
  const [themes, setThemes] = useState(request.themes.join(', '));
  const [into, setInto] = useState('');

  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      setStatus('');
      setReason('');
      setInto('');
      props.onChanged();
    } catch (e) {
      props.onError(errorMessage(e));
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    const themeList = themes
      .split(',')
      .map(t => t.trim())
      .filter(Boolean);
    act(() =>
      api.triageFeedback(request.id, {
        ...(status ? { status } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        themes: themeList,
      }),
    );
  };

  return (
    <Box
      component="section"
      aria-label="Triage"
      border={1}
      borderColor="divider"
      borderRadius={4}
      p={2}
      mb={2}
    >
      <Typography variant="subtitle2">Triage (platform team)</Typography>
      <form onSubmit={save}>
        <Box display="flex" style={{ gap: 16 }} flexWrap="wrap">
          <TextField
            select
            id="feedback-triage-status"
            label="Move to"
            value={status}
            onChange={e => setStatus(e.target.value as FeedbackStatus)}
            style={{ minWidth: 180 }}
            disabled={next.length === 0}
            helperText={next.length === 0 ? 'Shipped is final' : undefined}
          >
            <MenuItem value="">
              Keep {feedbackStatusLabel(request.status)}
            </MenuItem>
            {next.map(s => (
              <MenuItem key={s} value={s}>
                {feedbackStatusLabel(s)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="feedback-triage-reason"
            label={status === 'declined' ? 'Reason (required)' : 'Reason'}
            value={reason}
            onChange={e => setReason(e.target.value)}
            required={status === 'declined'}
            style={{ flex: 1, minWidth: 200 }}
          />
          <TextField
            id="feedback-triage-themes"
            label="Themes (comma-separated)"
            value={themes}
            onChange={e => setThemes(e.target.value)}
            style={{ minWidth: 200 }}
          />
          <Button type="submit" color="primary" variant="contained">
            Save
          </Button>
        </Box>
      </form>
      <Box display="flex" style={{ gap: 16 }} mt={2} alignItems="center">
        <TextField
          id="feedback-merge-into"
          label="Duplicate of (request id)"
          value={into}
          onChange={e => setInto(e.target.value)}
          size="small"
          style={{ minWidth: 320 }}
        />
        <Button
          disabled={!into.trim()}
          onClick={() => act(() => api.mergeFeedback(request.id, into.trim()))}
        >
          Merge into it
        </Button>
      </Box>
    </Box>
  );
};

const RequestBody = (props: {
  request: FeedbackRequestDetail;
  onChanged: () => void;
  onError: (message: string) => void;
}) => {
  const { request, onChanged, onError } = props;
  const canTriage = useCanTriageFeedback(request.entityRef);
  return (
    <>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
        <VoteButton request={request} onChange={onChanged} onError={onError} />
        <FeedbackStatusChip status={request.status} />
        {request.themes.map(theme => (
          <Chip key={theme} size="small" label={theme} />
        ))}
      </Box>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        <FeedbackOrigin request={request} />
        {request.entityRef && (
          <>
            {' '}
            · about <EntityRefLink entityRef={request.entityRef} />
          </>
        )}
        {request.area && <> · area {request.area}</>} ·{' '}
        {new Date(request.createdAt).toLocaleDateString()}
      </Typography>
      {request.mergedInto && (
        <Alert severity="info">
          Merged into{' '}
          <Link to={`?request=${request.mergedInto}`}>another request</Link>:
          vote and comment there.
        </Alert>
      )}
      {request.statusReason && (
        <Alert severity={request.status === 'declined' ? 'warning' : 'info'}>
          {feedbackStatusLabel(request.status)}: {request.statusReason}
        </Alert>
      )}
      <Typography
        variant="body1"
        style={{ whiteSpace: 'pre-wrap', margin: '16px 0' }}
      >
        {request.description}
      </Typography>
      {canTriage && !request.mergedInto && (
        <TriageControls
          request={request}
          onChanged={onChanged}
          onError={onError}
        />
      )}
      <Divider />
      <Typography variant="h6" style={{ marginTop: 16 }}>
        Comments ({request.comments.length})
      </Typography>
      {request.comments.map(comment => (
        <Box key={comment.id} my={1}>
          <Typography variant="caption" color="textSecondary">
            <EntityRefLink entityRef={comment.author} defaultKind="user" /> ·{' '}
            {new Date(comment.createdAt).toLocaleString()}
          </Typography>
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
            {comment.body}
          </Typography>
        </Box>
      ))}
      {!request.mergedInto && (
        <CommentForm id={request.id} onChanged={onChanged} onError={onError} />
      )}
    </>
  );
};

/** One request with comments, voting and, for the platform team, triage. */
export const FeedbackDetailDialog = (props: {
  id: string;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const api = useApi(pavedApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getFeedbackRequest(props.id),
    [api, props.id],
  );
  const [message, setMessage] = useState<string>();
  const changed = () => {
    setMessage(undefined);
    retry();
    props.onChanged();
  };

  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>{value?.title ?? 'Feedback request'}</DialogTitle>
      <DialogContent>
        {loading && !value && <Progress />}
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {message && <Alert severity="error">{message}</Alert>}
        {value && (
          <RequestBody
            request={value}
            onChanged={changed}
            onError={setMessage}
          />
        )}
      </DialogContent>
    </Dialog>
  );
};
