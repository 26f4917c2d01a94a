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
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { adoptionRefreshPermission } from '@paved/plugin-paved-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pavedApiRef } from '../../api';
import { ActiveUsersCard } from './ActiveUsersCard';
import { AdoptionFunnelCard } from './AdoptionFunnelCard';
import { runtime, when } from './format';
import { LeadingIndicatorsCard } from './LeadingIndicatorsCard';
import { OffPathCard } from './OffPathCard';
import { TemplateUsageCard } from './TemplateUsageCard';

/**
 * Whether the user may recompute now. Without a permission API (a bare test
 * app) the button stays hidden; the backend checks anyway.
 */
function useCanRefresh(): boolean {
  const permissionApi = useApiHolder().get(permissionApiRef);
  const { value } = useAsync(async () => {
    if (!permissionApi) return false;
    const decision = await permissionApi.authorize({
      permission: adoptionRefreshPermission,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }, [permissionApi]);
  return value ?? false;
}

/**
 * The platform team's product view on the Platform page: adoption funnel,
 * active users, leading indicators over time, template usage and the
 * components furthest off the golden path. (The distribution of DORA bands
 * is the DORA organisation card's, next to it on the page.) One request
 * (`GET /api/paved/v1/adoption`) feeds every card.
 *
 * @public
 */
export const AdoptionDashboard = () => {
  const api = useApi(pavedApiRef);
  const { loading, error, value, retry } = useAsyncRetry(
    () => api.getAdoption(),
    [api],
  );
  const canRefresh = useCanRefresh();
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<Error>();

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const report = value!;

  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      await api.refreshAdoption();
      retry();
    } catch (e) {
      setRefreshError(e as Error);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <Grid
      container
      spacing={3}
      alignItems="stretch"
      data-testid="adoption-dashboard"
    >
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 12 }}>
          <Typography variant="h5" component="h2">
            Adoption
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {report.computedAt
              ? `Computed ${when(report.computedAt)} in ${runtime(
                  report.durationMs,
                )}`
              : 'Not computed yet: the first run starts shortly after the backend does'}
          </Typography>
          {report.demo && (
            <Chip
              size="small"
              color="secondary"
              label="Includes demo data"
              title="paved.demoData.enabled seeds labelled demo history and page views"
            />
          )}
          {canRefresh && (
            <Button
              size="small"
              variant="outlined"
              onClick={refresh}
              disabled={refreshing}
            >
              {refreshing ? 'Computing…' : 'Recompute now'}
            </Button>
          )}
        </Box>
        {refreshError && <ResponseErrorPanel error={refreshError} />}
      </Grid>
      {report.current ? (
        <>
          <Grid item xs={12} lg={6}>
            <AdoptionFunnelCard metrics={report.current} />
          </Grid>
          <Grid item xs={12} lg={6}>
            <ActiveUsersCard report={report} />
          </Grid>
        </>
      ) : (
        <Grid item xs={12} lg={6}>
          <ActiveUsersCard report={report} />
        </Grid>
      )}
      <Grid item xs={12}>
        <LeadingIndicatorsCard history={report.history} />
      </Grid>
      {report.current && (
        <Grid item xs={12}>
          <TemplateUsageCard
            templates={report.templates}
            runs={report.current.templateRuns}
            timeToFirstProduction={
              report.current.timeToFirstProductionDeployment
            }
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <OffPathCard items={report.furthestOffPath} />
      </Grid>
    </Grid>
  );
};
