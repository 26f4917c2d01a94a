import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

import { rootRouteRef } from './routes';

export const page = PageBlueprint.make({
  params: {
    path: '/paved',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/TodoPage').then(m => (
        <m.TodoPage />
      )),
  },
});

export const pavedPlugin = createFrontendPlugin({
  pluginId: 'paved',
  extensions: [page],
  routes: {
    root: rootRouteRef,
  }
});
