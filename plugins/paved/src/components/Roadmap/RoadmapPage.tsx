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
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Roadmap, RoadmapHorizon } from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';
import { RoadmapCard } from './RoadmapCard';

const COLUMNS: Array<{ horizon: RoadmapHorizon; title: string }> = [
  { horizon: 'now', title: 'Now' },
  { horizon: 'next', title: 'Next' },
  { horizon: 'later', title: 'Later' },
  { horizon: 'shipped', title: 'Shipped' },
];

/** The four columns of the roadmap. */
export const RoadmapBoard = (props: { roadmap: Roadmap }) => {
  const { roadmap } = props;
  return (
    <Grid container spacing={2}>
      {COLUMNS.map(({ horizon, title }) => (
        <Grid item xs={12} md={6} lg={3} key={horizon}>
          <Paper
            variant="outlined"
            data-testid={`roadmap-column-${horizon}`}
            style={{ padding: 8, height: '100%' }}
          >
            <Typography variant="h6" component="h2" gutterBottom>
              {title} ({roadmap[horizon].length})
            </Typography>
            <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
              {roadmap[horizon].map(item => (
                <RoadmapCard key={item.ref} item={item} />
              ))}
              {roadmap[horizon].length === 0 && (
                <Typography variant="body2" color="textSecondary">
                  No items.
                </Typography>
              )}
            </Box>
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
};

/**
 * The roadmap page: RoadmapItem entities from the catalog in Now / Next /
 * Later / Shipped, each with the metric it should move.
 */
export const RoadmapPage = () => {
  const api = useApi(pavedApiRef);
  const { value, loading, error } = useAsync(() => api.getRoadmap(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Roadmap"
        subtitle="The platform roadmap as code, tied to the metric each item should move"
      />
      <Content>
        <ContentHeader title="Now / Next / Later / Shipped">
          <SupportButton>
            Roadmap items are RoadmapItem entities in the catalog (YAML in a
            repository). A shipped item shows its metric in the{' '}
            {value?.windowDays ?? 28} days before and after its ship date,
            computed from Paved's own data.
          </SupportButton>
        </ContentHeader>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && value.invalid > 0 && (
          <Box mb={2}>
            <Alert severity="warning">
              {value.invalid} roadmap item(s) do not validate and are left out;
              the catalog shows the errors on each entity.
            </Alert>
          </Box>
        )}
        {value && <RoadmapBoard roadmap={value} />}
      </Content>
    </Page>
  );
};
