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
import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/**
 * The distribution of DORA bands across teams, systems and components.
 * Shown honestly as not available until the DORA API is part of Paved's
 * API (docs/dora.md).
 */
export const DoraBandsCard = () => (
  <InfoCard
    title="DORA bands"
    subheader="Teams and components per performance band"
  >
    <Typography variant="body2" paragraph data-testid="dora-bands-unavailable">
      Not available yet: the DORA metrics are being added to Paved. Until then
      the leading indicators on this page are the early signal.
    </Typography>
    <Typography variant="body2">
      How Paved measures DORA: <code>docs/dora.md</code> in the Paved
      repository.
    </Typography>
  </InfoCard>
);
