import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { notificationSettingsModule } from './modules/notificationSettings';
import { pavedAnalyticsModule } from '@paved/plugin-paved/alpha';

export default createApp({
  features: [
    catalogPlugin,
    navModule,
    homeModule,
    notificationSettingsModule,
    pavedAnalyticsModule,
  ],
});
