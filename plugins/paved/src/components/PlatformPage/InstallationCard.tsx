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
  StructuredMetadataTable,
} from '@backstage/core-components';
import { PavedInfoState } from './usePavedInfo';

const databaseNames = {
  sqlite: 'SQLite (embedded)',
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  other: 'Other',
};

/** Version, database and installation time of the Paved backend. */
export const InstallationCard = ({ info }: { info: PavedInfoState }) => {
  const { loading, error, value } = info;
  return (
    <InfoCard title="Installation">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <StructuredMetadataTable
          metadata={{
            'Paved version': value.version,
            Database: databaseNames[value.database],
            'Installed at': new Date(value.installedAt).toLocaleString(),
            'Demo data': value.demoData ? 'shown (labelled demo)' : 'off',
          }}
        />
      )}
    </InfoCard>
  );
};
