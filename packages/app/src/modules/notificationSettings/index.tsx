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
  createFrontendModule,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';

/**
 * Settings → Notifications: each person switches notification channels
 * and topics (Paved's `paved-report`, `paved-survey`, `paved-feedback`)
 * on or off. The notifications plugin ships the card but no page for it
 * in the new frontend system, so the app adds it to the user settings.
 */
export const notificationSettingsPage = SubPageBlueprint.make({
  name: 'notifications',
  params: {
    path: 'notifications',
    title: 'Notifications',
    loader: async () => {
      const [{ UserNotificationSettingsCard }, { Content }] = await Promise.all(
        [
          import('@backstage/plugin-notifications'),
          import('@backstage/core-components'),
        ],
      );
      return (
        <Content>
          <UserNotificationSettingsCard
            originNames={{ 'plugin:paved': 'Paved' }}
            topicNames={{
              'paved-report': 'Monthly platform report',
              'paved-survey': 'Survey invitations',
              'paved-feedback': 'Feedback request updates',
            }}
          />
        </Content>
      );
    },
  },
});

/** Adds the notification settings to the user settings page. */
export const notificationSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [notificationSettingsPage],
});
