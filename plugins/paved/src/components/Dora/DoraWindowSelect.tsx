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
import FormControl from '@material-ui/core/FormControl';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** The windows the card and the Platform page offer, in days. */
export const DORA_WINDOWS = [7, 28, 90, 365];

/** Chooses the report window (days ending today). */
export const DoraWindowSelect = ({
  days,
  onChange,
}: {
  days: number;
  onChange: (days: number) => void;
}) => (
  <FormControl size="small">
    <Select
      value={days}
      onChange={e => onChange(Number(e.target.value))}
      inputProps={{ 'aria-label': 'Window' }}
      disableUnderline
    >
      {DORA_WINDOWS.map(d => (
        <MenuItem key={d} value={d}>
          Last {d} days
        </MenuItem>
      ))}
    </Select>
  </FormControl>
);
