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
import { formatDoraValue } from './format';

describe('formatDoraValue', () => {
  it('picks the unit people read best', () => {
    expect(formatDoraValue(2.5, 'deployments/day')).toBe('2.5/day');
    expect(formatDoraValue(2 / 7, 'deployments/day')).toBe('2.0/week');
    expect(formatDoraValue(1 / 28, 'deployments/day')).toBe('1.1/month');
    expect(formatDoraValue(90, 'seconds')).toBe('2 min');
    expect(formatDoraValue(46800, 'seconds')).toBe('13 h');
    expect(formatDoraValue(3 * 86400, 'seconds')).toBe('3.0 d');
    expect(formatDoraValue(0.5, 'ratio')).toBe('50 %');
    expect(formatDoraValue(0.0625, 'ratio')).toBe('6.3 %');
  });

  it('never shows missing data as zero', () => {
    expect(formatDoraValue(null, 'ratio')).toBe('n/a');
    expect(formatDoraValue(undefined, 'seconds')).toBe('n/a');
    expect(formatDoraValue(0, 'ratio')).toBe('0 %');
  });
});
