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
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { InstallationCard } from './InstallationCard';
import { ProvidersCard } from './ProvidersCard';
import { PlatformNpsCard } from '../Surveys';
import { GoldenPathDriftCard } from '../GoldenPaths';
import { AdoptionDashboard } from '../PlatformDashboard';
import { DoraOrganisationCard } from '../Dora';
import { usePavedInfo } from './usePavedInfo';

/**
 * The platform team's view of Paved: what is installed and how it is
 * connected. Metrics cards join this page as the backend gains them.
 *
 * @public
 */
export const PlatformPage = () => {
  const info = usePavedInfo();
  return (
    <Page themeId="tool">
      <Header
        title="Platform"
        subtitle="Run your platform as a product: golden paths, deployments and the metrics that show whether they work"
      />
      <Content>
        <ContentHeader title="Paved">
          <SupportButton>
            The Platform page shows how Paved is installed and connected.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12}>
            <AdoptionDashboard />
          </Grid>
          <Grid item xs={12}>
            <DoraOrganisationCard />
          </Grid>
          <Grid item xs={12} md={6}>
            <InstallationCard info={info} />
          </Grid>
          <Grid item xs={12} md={6}>
            <ProvidersCard info={info} />
          </Grid>
          <Grid item xs={12}>
            <PlatformNpsCard />
          </Grid>
          <Grid item xs={12}>
            <GoldenPathDriftCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
