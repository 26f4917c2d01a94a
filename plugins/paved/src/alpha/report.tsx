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
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { reportRouteRef } from '../routes';

/**
 * The printable monthly platform report at `/paved/report?month=YYYY-MM`,
 * with its nav item (`page:paved/report`).
 *
 * @alpha
 */
export const pavedReportPage = PageBlueprint.make({
  name: 'report',
  params: {
    path: '/paved/report',
    title: 'Platform report',
    icon: <AssessmentIcon />,
    routeRef: convertLegacyRouteRef(reportRouteRef),
    // The page renders its own Backstage header, like the legacy export.
    noHeader: true,
    loader: () =>
      import('../components/Report').then(m => compatWrapper(<m.ReportPage />)),
  },
});
