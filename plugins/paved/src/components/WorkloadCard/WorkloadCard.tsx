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
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { ScoreWorkloadSummary } from '@paved/plugin-paved-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useProcessingErrors } from './useProcessingErrors';
import { VariableValue } from './VariableValue';
import { readWorkloadSummary, scoreFileUrl } from './workloadSummary';

type ContainerRow = {
  name: string;
} & ScoreWorkloadSummary['containers'][string];
type ResourceRow = { name: string } & ScoreWorkloadSummary['resources'][string];
type PortRow = { name: string } & ScoreWorkloadSummary['ports'][string];

const limitsText = (c: ContainerRow) => {
  const { limits, requests } = c.resources ?? {};
  const part = (label: string, v?: { cpu?: string; memory?: string }) =>
    v && (v.cpu || v.memory)
      ? `${label} ${[v.cpu && `cpu ${v.cpu}`, v.memory && `memory ${v.memory}`]
          .filter(Boolean)
          .join(', ')}`
      : undefined;
  return [part('limits', limits), part('requests', requests)]
    .filter(Boolean)
    .join('; ');
};

const containerColumns: TableColumn<ContainerRow>[] = [
  { title: 'Container', field: 'name' },
  { title: 'Image', render: c => <code>{c.image}</code> },
  {
    title: 'Command',
    render: c =>
      c.command || c.args ? (
        <code>{[...(c.command ?? []), ...(c.args ?? [])].join(' ')}</code>
      ) : (
        '—'
      ),
  },
  { title: 'Resources', render: c => limitsText(c) || 'not set' },
];

const portColumns: TableColumn<PortRow>[] = [
  { title: 'Port', field: 'name' },
  { title: 'Number', field: 'port' },
  { title: 'Target port', render: p => p.targetPort ?? p.port },
  { title: 'Protocol', render: p => p.protocol ?? 'TCP' },
];

const resourceColumns: TableColumn<ResourceRow>[] = [
  {
    title: 'Resource',
    render: r => <EntityRefLink entityRef={r.entityRef} title={r.name} />,
  },
  { title: 'Type', field: 'type' },
  { title: 'Class', render: r => r.class ?? 'default' },
  {
    title: 'Shared',
    render: r =>
      r.id ? (
        <Chip size="small" label={`shared: ${r.id}`} />
      ) : (
        'this workload only'
      ),
  },
  {
    title: 'Params',
    render: r =>
      r.params && Object.keys(r.params).length ? (
        <code>
          {Object.entries(r.params)
            .map(
              ([k, v]) =>
                `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
            )
            .join(', ')}
        </code>
      ) : (
        '—'
      ),
  },
];

const useStyles = makeStyles(theme => ({
  variables: {
    width: '100%',
    borderCollapse: 'collapse',
    '& td': {
      verticalAlign: 'top',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    '& code': { wordBreak: 'break-all' },
  },
}));

const tableOptions = {
  paging: false,
  search: false,
  toolbar: false,
  padding: 'dense' as const,
};

/**
 * The workload described by the entity's Score file: containers, ports,
 * resources and variables, with placeholders linked to the resources they
 * use, plus the file's processing errors when it is broken.
 *
 * @public
 */
export const WorkloadCard = () => {
  const classes = useStyles();
  const { entity } = useEntity();
  const summary = readWorkloadSummary(entity);
  const errors = useProcessingErrors(entity);
  const fileUrl = scoreFileUrl(entity);

  if (!summary) {
    return (
      <InfoCard title="Workload">
        <Typography>
          No Score workload for this entity. Describe it in a score.yaml and
          register the file, or add the paved.dev/score-file annotation to its
          catalog-info.yaml.
        </Typography>
      </InfoCard>
    );
  }

  const containers = Object.entries(summary.containers).map(([name, c]) => ({
    name,
    ...c,
  }));
  const ports = Object.entries(summary.ports ?? {}).map(([name, p]) => ({
    name,
    ...p,
  }));
  const resources = Object.entries(summary.resources).map(([name, r]) => ({
    name,
    ...r,
  }));

  return (
    <InfoCard
      title="Workload"
      subheader={`Score workload ${summary.name}`}
      deepLink={
        fileUrl ? { title: 'View score.yaml', link: fileUrl } : undefined
      }
    >
      {errors.value && errors.value.length > 0 && (
        <Box mb={2}>
          <WarningPanel
            severity="error"
            title={`The Score file has ${errors.value.length} problem(s); the catalog shows the last good version`}
          >
            <ul>
              {errors.value.map((e, i) => (
                <li key={i}>
                  <code>{e.message}</code>
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Box>
      )}
      {summary.truncated && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Some details were left out because the workload is large; see the
          Score file{fileUrl ? ' (' : ''}
          {fileUrl && <Link to={fileUrl}>open</Link>}
          {fileUrl ? ')' : ''}.
        </Typography>
      )}
      <Table<ContainerRow>
        title="Containers"
        options={tableOptions}
        columns={containerColumns}
        data={containers}
      />
      {ports.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6">Service ports</Typography>
          <Table<PortRow>
            options={tableOptions}
            columns={portColumns}
            data={ports}
          />
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="h6">Resources</Typography>
        {resources.length ? (
          <Table<ResourceRow>
            options={tableOptions}
            columns={resourceColumns}
            data={resources}
          />
        ) : (
          <Typography variant="body2">No resources declared.</Typography>
        )}
      </Box>
      {containers
        .filter(c => c.variables && Object.keys(c.variables).length)
        .map(c => (
          <Box mt={2} key={c.name}>
            <Typography variant="h6">Variables of {c.name}</Typography>
            <table className={classes.variables}>
              <tbody>
                {Object.entries(c.variables!).map(([name, value]) => (
                  <tr key={name}>
                    <td>
                      <code>{name}</code>
                    </td>
                    <td>
                      <VariableValue
                        name={name}
                        value={value}
                        resources={summary.resources}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Box>
        ))}
    </InfoCard>
  );
};
