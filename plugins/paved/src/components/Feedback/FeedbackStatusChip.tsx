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
import Chip from '@material-ui/core/Chip';
import {
  FeedbackStatus,
  feedbackStatusLabel,
} from '@paved/plugin-paved-common';

const COLORS: Record<FeedbackStatus, 'default' | 'primary' | 'secondary'> = {
  new: 'default',
  under_review: 'default',
  planned: 'primary',
  in_progress: 'primary',
  shipped: 'primary',
  declined: 'secondary',
};

/** A request's status as a chip. */
export const FeedbackStatusChip = (props: { status: FeedbackStatus }) => (
  <Chip
    size="small"
    label={feedbackStatusLabel(props.status)}
    color={COLORS[props.status]}
    variant={props.status === 'shipped' ? 'default' : 'outlined'}
  />
);
