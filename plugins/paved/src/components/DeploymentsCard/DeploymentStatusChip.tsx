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
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { DeploymentStatus } from '@paved/plugin-paved-common';

const labels: Record<DeploymentStatus, string> = {
  pending: 'pending',
  in_progress: 'in progress',
  success: 'succeeded',
  failure: 'failed',
  error: 'error',
  cancelled: 'cancelled',
  unknown: 'unknown',
};

/** A deployment status with Backstage's status colours. */
export const DeploymentStatusChip = ({
  status,
}: {
  status: DeploymentStatus;
}) => {
  const label = labels[status] ?? status;
  switch (status) {
    case 'success':
      return <StatusOK>{label}</StatusOK>;
    case 'failure':
    case 'error':
      return <StatusError>{label}</StatusError>;
    case 'in_progress':
      return <StatusRunning>{label}</StatusRunning>;
    case 'pending':
      return <StatusPending>{label}</StatusPending>;
    case 'cancelled':
      return <StatusAborted>{label}</StatusAborted>;
    default:
      return <StatusWarning>{label}</StatusWarning>;
  }
};
