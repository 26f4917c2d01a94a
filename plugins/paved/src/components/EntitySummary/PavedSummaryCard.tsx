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
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  DORA_METRIC_KEYS,
  DORA_METRIC_TITLES,
  EntityPavedSummary,
  isNotAllowedPart,
} from '@paved/plugin-paved-common';
import { ReactNode } from 'react';
import { pavedApiRef } from '../../api';
import { DoraBandBadge } from '../Dora/DoraBandBadge';
import { useSharedQuery } from '../shared/useSharedQuery';
import { ago } from '../shared/ago';

/** The path of the Platform tab under the entity page, by default. */
export const PLATFORM_TAB_PATH = 'platform';

/** The entity's Paved summary, one request per entity shared by all readers. */
export function useEntityPavedSummary(entityRef: string) {
  const api = useApi(pavedApiRef);
  return useSharedQuery(
    `paved-entity-summary:${entityRef}`,
    () => api.getEntitySummary(entityRef),
    [api],
  );
}

const Figure = ({
  label,
  testId,
  children,
}: {
  label: string;
  testId: string;
  children: ReactNode;
}) => (
  <Grid item xs={6} md={3}>
    <Typography variant="overline" component="h3" color="textSecondary">
      {label}
    </Typography>
    <Box data-testid={testId}>{children}</Box>
  </Grid>
);

const NotAllowed = () => (
  <Typography variant="body2" color="textSecondary">
    Not available to you
  </Typography>
);

const Nothing = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" color="textSecondary">
    {children}
  </Typography>
);

const SHORT_TITLES: Record<(typeof DORA_METRIC_KEYS)[number], string> = {
  deploymentFrequency: 'Deploys',
  leadTime: 'Lead time',
  changeFailureRate: 'Failures',
  recoveryTime: 'Recovery',
};

/** The summary's four figures; exported for tests and other layouts. */
export const PavedSummary = ({ summary }: { summary: EntityPavedSummary }) => {
  const { dora, scores, incidents, deployments } = summary;
  const latest = isNotAllowedPart(deployments)
    ? undefined
    : deployments.items[0];
  return (
    <Grid container spacing={2}>
      <Figure label="DORA" testId="paved-summary-dora">
        {isNotAllowedPart(dora) ? (
          <NotAllowed />
        ) : (
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {DORA_METRIC_KEYS.map(key => (
              <Box key={key} title={DORA_METRIC_TITLES[key]}>
                <Typography variant="caption" component="span">
                  {SHORT_TITLES[key]}{' '}
                </Typography>
                <DoraBandBadge band={dora.metrics[key].band} />
              </Box>
            ))}
          </Box>
        )}
      </Figure>
      <Figure label="Automation score" testId="paved-summary-automation">
        {isNotAllowedPart(scores) ? (
          <NotAllowed />
        ) : (
          <Typography variant="h5" component="p">
            {scores.automation.score}
            <Typography variant="body2" component="span" color="textSecondary">
              {' '}
              / 100
            </Typography>
          </Typography>
        )}
      </Figure>
      <Figure label="Open incidents" testId="paved-summary-incidents">
        {isNotAllowedPart(incidents) ? (
          <NotAllowed />
        ) : (
          <>
            <Typography variant="h5" component="p">
              {incidents.open}
            </Typography>
            {incidents.items[0] && (
              <Typography variant="caption" color="textSecondary">
                {incidents.items[0].title}
              </Typography>
            )}
          </>
        )}
      </Figure>
      <Figure label="Latest deployment" testId="paved-summary-deployment">
        {isNotAllowedPart(deployments) && <NotAllowed />}
        {!isNotAllowedPart(deployments) && !latest && (
          <Nothing>No deployments recorded</Nothing>
        )}
        {latest && (
          <>
            <Typography variant="body1" component="p">
              {latest.version ??
                latest.commitSha?.slice(0, 7) ??
                latest.externalId}{' '}
              to {latest.environment}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {latest.status}, {ago(latest.finishedAt ?? latest.startedAt)}
            </Typography>
          </>
        )}
      </Figure>
    </Grid>
  );
};

/**
 * One compact card near the top of the entity's Overview: DORA bands,
 * automation score, open incidents and the latest deployment, from one
 * request (`GET /v1/entity-summary`), with a link to the Platform tab
 * where the full cards are.
 *
 * @public
 */
export const PavedSummaryCard = ({
  platformPath = PLATFORM_TAB_PATH,
}: {
  /** The Platform tab's path under the entity page. */
  platformPath?: string;
}) => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, loading, error } = useEntityPavedSummary(entityRef);
  const base = entityRoute({
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: (entity.metadata.namespace ?? 'default').toLocaleLowerCase(
      'en-US',
    ),
    name: entity.metadata.name,
  });
  return (
    <InfoCard title="Paved" subheader="Delivery and platform fit at a glance">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <PavedSummary summary={value} />}
      {value && (
        <Box mt={1}>
          <Link to={`${base.replace(/\/$/, '')}/${platformPath}`}>
            DORA, deployments, scores, SLOs and NPS in detail
          </Link>
        </Box>
      )}
    </InfoCard>
  );
};
