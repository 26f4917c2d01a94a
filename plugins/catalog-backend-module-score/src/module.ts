import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ScoreProcessor } from './processor/ScoreProcessor';

export const catalogModuleScore = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'score-processor',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(ScoreProcessor.fromConfig(config));
      },
    });
  },
});
