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
import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the Platform page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'paved' });

/**
 * Route of the feedback board (`/paved/feedback` in the demo portal).
 *
 * @public
 */
export const feedbackRouteRef = createRouteRef({ id: 'paved-feedback' });

/**
 * Route of the roadmap page (`/paved/roadmap` in the demo portal).
 *
 * @public
 */
export const roadmapRouteRef = createRouteRef({ id: 'paved-roadmap' });

/**
 * Route of the monthly platform report (`/paved/report` in the demo
 * portal; `?month=YYYY-MM` picks the month).
 *
 * @public
 */
export const reportRouteRef = createRouteRef({ id: 'paved-report' });
