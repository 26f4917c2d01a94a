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
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import CheckCircle from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import { useTheme } from '@material-ui/core/styles';
import {
  AdoptionCheckResult,
  ComplexityFactor,
  EntityScores,
} from '@paved/plugin-paved-common';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';

const StatusIcon = ({ status }: { status: AdoptionCheckResult['status'] }) => {
  const theme = useTheme();
  if (status === 'passed') {
    return (
      <CheckCircle
        aria-label="passed"
        style={{ color: theme.palette.success?.main ?? '#2e7d32' }}
      />
    );
  }
  if (status === 'failed') {
    return <ErrorIcon aria-label="failed" color="error" />;
  }
  return <RemoveCircleOutline aria-label="not applicable" color="disabled" />;
};

const Score = ({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: number;
  hint: string;
  testId: string;
}) => (
  <Box flex={1}>
    <Tooltip title={hint}>
      <Typography variant="overline">{label}</Typography>
    </Tooltip>
    <Typography variant="h4" component="p" data-testid={testId}>
      {value}
      <Typography variant="body2" component="span" color="textSecondary">
        {' '}
        / 100
      </Typography>
    </Typography>
    <LinearProgress
      variant="determinate"
      value={value}
      aria-label={`${label} ${value} of 100`}
    />
  </Box>
);

const Check = ({ check }: { check: AdoptionCheckResult }) => (
  <Box display="flex" py={1} data-testid={`check-${check.id}`}>
    <Box minWidth={36} pt={0.25}>
      <StatusIcon status={check.status} />
    </Box>
    <Box flex={1} minWidth={0} style={{ overflowWrap: 'anywhere' }}>
      <Typography variant="body2">
        <strong>{check.title}</strong>{' '}
        <Typography variant="caption" component="span" color="textSecondary">
          ({check.weight} points)
        </Typography>
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {check.reason}
      </Typography>
      {check.fix && (
        <Typography variant="body2">
          <strong>How to fix:</strong> {check.fix}
        </Typography>
      )}
    </Box>
  </Box>
);

const factorText = (f: ComplexityFactor) =>
  `${f.title}: ${f.value} ${f.detail} → ${f.points} of ${f.weight}`;

/** The scores with their checks; exported for the tests. */
export const EntityScoresView = ({ scores }: { scores: EntityScores }) => {
  const failed = scores.automation.checks.filter(c => c.status === 'failed');
  const ordered = [
    ...failed,
    ...scores.automation.checks.filter(c => c.status !== 'failed'),
  ];
  return (
    <>
      <Box display="flex" style={{ gap: 24 }} mb={2}>
        <Score
          label="Automation"
          value={scores.automation.score}
          hint="Weight of the passed checks out of the applicable ones (higher is better)"
          testId="automation-score"
        />
        <Score
          label="Complexity"
          value={scores.complexity.score}
          hint="Containers, resources, variables, environments, overrides and dependencies (lower is simpler)"
          testId="complexity-score"
        />
      </Box>
      <Typography variant="subtitle2">
        {failed.length
          ? `${failed.length} of ${scores.automation.checks.length} checks failing`
          : 'Every applicable check passes'}
      </Typography>
      <Box mb={1}>
        {ordered.map(check => (
          <Check key={check.id} check={check} />
        ))}
      </Box>
      <Typography variant="subtitle2">Complexity</Typography>
      <List dense>
        {scores.complexity.factors.map(f => (
          <ListItem key={f.id} disableGutters>
            <ListItemText primary={factorText(f)} />
          </ListItem>
        ))}
      </List>
      <Typography variant="caption" color="textSecondary">
        Facts collected {scores.computedAt.slice(0, 16).replace('T', ' ')} UTC.
        {scores.deviations.length > 0 &&
          ` ${scores.deviations.length} deviation${
            scores.deviations.length === 1 ? '' : 's'
          } from the golden path.`}
      </Typography>
    </>
  );
};

/**
 * Adoption & scores of a component: the automation score with every check
 * (failing ones first, each with how to fix it) and the complexity score
 * with its factors. From `GET /api/paved/v1/adoption/scores`.
 *
 * @public
 */
export const EntityAdoptionCard = () => {
  const { entity } = useEntity();
  const api = useApi(pavedApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { loading, error, value } = useAsync(
    () => api.getEntityScores(entityRef),
    [api, entityRef],
  );
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else content = <EntityScoresView scores={value!} />;
  return <InfoCard title="Adoption & scores">{content}</InfoCard>;
};
