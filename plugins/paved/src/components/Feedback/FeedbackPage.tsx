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
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Paper from '@material-ui/core/Paper';
import TablePagination from '@material-ui/core/TablePagination';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  FEEDBACK_STATUSES,
  FeedbackRequest,
  FeedbackSort,
  FeedbackStatus,
  feedbackStatusLabel,
} from '@paved/plugin-paved-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { pavedApiRef } from '../../api';
import { FeedbackDetailDialog } from './FeedbackDetailDialog';
import { FeedbackList } from './FeedbackList';
import { SubmitFeedbackDialog } from './SubmitFeedbackDialog';

const SORTS: Array<{ value: FeedbackSort; label: string }> = [
  { value: 'votes', label: 'Most votes' },
  { value: 'recent', label: 'Newest' },
  { value: 'theme', label: 'Theme' },
];

/**
 * The feedback board: everyone submits, votes and comments; the platform
 * team triages. The open request is in the URL (`?request=<id>`), which is
 * where notifications link.
 *
 * @public
 */
export const FeedbackPage = () => {
  const api = useApi(pavedApiRef);
  const [params, setParams] = useSearchParams();
  const [sort, setSort] = useState<FeedbackSort>('votes');
  const [status, setStatus] = useState<FeedbackStatus | ''>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useDebounce(() => setQ(search.trim()), 300, [search]);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string>();
  const [updates, setUpdates] = useState<Record<string, FeedbackRequest>>({});

  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const result = await api.listFeedbackRequests({
      sort,
      q: q || undefined,
      status: status || undefined,
      limit: pageSize,
      offset: page * pageSize,
    });
    setUpdates({});
    return result;
  }, [api, sort, q, status, page, pageSize]);

  const openId = params.get('request') ?? undefined;
  const open = (id?: string) =>
    setParams(
      prev => {
        const next = new URLSearchParams(prev);
        if (id) next.set('request', id);
        else next.delete('request');
        return next;
      },
      { replace: !id },
    );
  const items = (value?.items ?? []).map(r => updates[r.id] ?? r);

  return (
    <Page themeId="tool">
      <Header
        title="Feedback"
        subtitle="Pain points and requests for the platform team: vote for what hurts most"
      />
      <Content>
        <ContentHeader title="Requests">
          <Button
            variant="contained"
            color="primary"
            onClick={() => setSubmitting(true)}
          >
            Submit feedback
          </Button>
          <SupportButton>
            Vote once per request; the platform team triages, and you hear when
            a request you voted for changes status.
          </SupportButton>
        </ContentHeader>
        <Paper>
          <Box display="flex" p={2} style={{ gap: 16 }} flexWrap="wrap">
            <TextField
              id="feedback-search"
              label="Search"
              value={search}
              onChange={e => {
                setSearch(e.target.value);
                setPage(0);
              }}
              style={{ flex: 1, minWidth: 200 }}
            />
            <TextField
              select
              id="feedback-sort"
              label="Sort by"
              value={sort}
              onChange={e => setSort(e.target.value as FeedbackSort)}
              style={{ minWidth: 160 }}
            >
              {SORTS.map(s => (
                <MenuItem key={s.value} value={s.value}>
                  {s.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              id="feedback-status"
              label="Status"
              value={status}
              onChange={e => {
                setStatus(e.target.value as FeedbackStatus | '');
                setPage(0);
              }}
              style={{ minWidth: 160 }}
            >
              <MenuItem value="">Any</MenuItem>
              {FEEDBACK_STATUSES.map(s => (
                <MenuItem key={s} value={s}>
                  {feedbackStatusLabel(s)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          {message && (
            <Alert severity="error" onClose={() => setMessage(undefined)}>
              {message}
            </Alert>
          )}
          {loading && !value && <Progress />}
          {error && <ResponseErrorPanel error={error} />}
          {value && value.totalCount === 0 && (
            <EmptyState
              missing="data"
              title={q || status ? 'No matching requests' : 'No feedback yet'}
              description="Submit the first pain point: what slows you down on the platform?"
            />
          )}
          {value && value.totalCount > 0 && (
            <>
              <FeedbackList
                items={items}
                onOpen={open}
                onChange={updated =>
                  setUpdates(u => ({ ...u, [updated.id]: updated }))
                }
                onError={setMessage}
              />
              <TablePagination
                component="div"
                count={value.totalCount}
                page={page}
                rowsPerPage={pageSize}
                rowsPerPageOptions={[10, 20, 50, 100]}
                onPageChange={(_e, p) => setPage(p)}
                onRowsPerPageChange={e => {
                  setPageSize(Number(e.target.value));
                  setPage(0);
                }}
              />
            </>
          )}
        </Paper>
        <SubmitFeedbackDialog
          open={submitting}
          onClose={() => setSubmitting(false)}
          onSubmitted={created => {
            setSubmitting(false);
            retry();
            open(created.id);
          }}
        />
        {openId && (
          <FeedbackDetailDialog
            id={openId}
            onClose={() => open(undefined)}
            onChanged={retry}
          />
        )}
      </Content>
    </Page>
  );
};
