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
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  FEEDBACK_TITLE_MAX_LENGTH,
  FeedbackRequest,
} from '@paved/plugin-paved-common';
import { FormEvent, useState } from 'react';
import { pavedApiRef } from '../../api';
import { errorMessage } from './VoteButton';

/**
 * Submits a pain point or request. The submitter is whoever is signed in;
 * `entityRef` is filled in on an entity page.
 */
export const SubmitFeedbackDialog = (props: {
  open: boolean;
  entityRef?: string;
  onClose: () => void;
  onSubmitted: (request: FeedbackRequest) => void;
}) => {
  const api = useApi(pavedApiRef);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [entityRef, setEntityRef] = useState(props.entityRef ?? '');
  const [area, setArea] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.submitFeedback({
        title,
        description,
        ...(entityRef.trim() ? { entityRef: entityRef.trim() } : {}),
        ...(area.trim() ? { area: area.trim() } : {}),
      });
      setTitle('');
      setDescription('');
      setArea('');
      props.onSubmitted(created);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit}>
        <DialogTitle>Submit feedback</DialogTitle>
        <DialogContent>
          {error && <Alert severity="error">{error}</Alert>}
          <TextField
            id="feedback-submit-title"
            label="Title"
            value={title}
            onChange={e => setTitle(e.target.value)}
            required
            fullWidth
            margin="normal"
            inputProps={{ maxLength: FEEDBACK_TITLE_MAX_LENGTH }}
          />
          <TextField
            id="feedback-submit-description"
            label="What is the pain point?"
            value={description}
            onChange={e => setDescription(e.target.value)}
            required
            fullWidth
            multiline
            minRows={4}
            margin="normal"
          />
          <TextField
            id="feedback-submit-entity"
            label="About entity (optional)"
            placeholder="component:default/checkout"
            value={entityRef}
            onChange={e => setEntityRef(e.target.value)}
            fullWidth
            margin="normal"
            disabled={Boolean(props.entityRef)}
          />
          <TextField
            id="feedback-submit-area"
            label="Area (optional)"
            placeholder="ci, docs, environments…"
            value={area}
            onChange={e => setArea(e.target.value)}
            fullWidth
            margin="normal"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy}
          >
            Submit
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
