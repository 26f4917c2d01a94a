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
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_DORA_BANDS, readDoraConfig } from './config';

describe('readDoraConfig', () => {
  it('has the published bands and UTC by default', () => {
    const config = readDoraConfig(new ConfigReader({}));
    expect(config.timeZone).toBe('UTC');
    expect(config.productionEnvironments).toBeUndefined();
    expect(config.bands.leadTime).toEqual({
      elite: 86400,
      high: 7 * 86400,
      medium: 30 * 86400,
    });
  });

  it('reads the example in app-config.yaml as the defaults it says it is', () => {
    const appConfig = parse(
      readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
    );
    expect(appConfig.paved.dora).toBeDefined();
    const config = readDoraConfig(
      new ConfigReader({ paved: { dora: appConfig.paved.dora } }),
    );
    expect(config.timeZone).toBe('UTC');
    expect(config.bands).toEqual(DEFAULT_DORA_BANDS);
  });

  it('reads time zone, production mapping and bands', () => {
    const config = readDoraConfig(
      new ConfigReader({
        paved: {
          dora: {
            timeZone: 'Europe/Berlin',
            productionEnvironments: ['production', 'prod-*'],
            bands: {
              recoveryTime: { elite: '30m', high: { hours: 12 } },
              changeFailureRate: { medium: 0.2 },
            },
          },
        },
      }),
    );
    expect(config.timeZone).toBe('Europe/Berlin');
    expect(config.productionEnvironments).toEqual(['production', 'prod-*']);
    expect(config.bands.recoveryTime).toEqual({
      elite: 1800,
      high: 12 * 3600,
      medium: 7 * 86400,
    });
    expect(config.bands.changeFailureRate.medium).toBe(0.2);
  });

  it('fails with the key that is wrong', () => {
    const read = (dora: object) =>
      readDoraConfig(new ConfigReader({ paved: { dora } }));
    expect(() => read({ timeZone: 'Mars/Olympus' })).toThrow(
      "paved.dora.timeZone 'Mars/Olympus' is not an IANA time zone",
    );
    expect(() => read({ bands: { changeFailureRate: { elite: 5 } } })).toThrow(
      'paved.dora.bands.changeFailureRate.elite must be a fraction',
    );
    expect(() => read({ bands: { leadTime: { elite: '40d' } } })).toThrow(
      'paved.dora.bands.leadTime: elite must be at most high',
    );
    expect(() => read({ productionEnvironments: [] })).toThrow(
      'paved.dora.productionEnvironments is empty',
    );
  });
});
