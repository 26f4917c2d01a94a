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
import { useApi } from '@backstage/core-plugin-api';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import useAsync from 'react-use/esm/useAsync';
import { pavedApiRef } from '../../api';

/** The value that means "no orchestrator". */
export const NO_PROVIDER = 'none';

/** The name templates use: `ui:field: PavedOrchestratorProviderPicker`. */
export const ORCHESTRATOR_PROVIDER_PICKER = 'PavedOrchestratorProviderPicker';

/** `ui:options` of the picker. */
export type OrchestratorProviderPickerUiOptions = {
  /** Offer "No, deploy later" (value `none`); default true. */
  allowNone?: boolean;
  /** Label of the `none` choice. */
  noneLabel?: string;
};

/**
 * A scaffolder field listing the orchestrator providers the Paved backend
 * has registered (`GET /v1/info`), so templates never hard-code them: a
 * site that adds a provider module sees it offered in every template.
 * Its value is the provider id, or `none`.
 */
export const OrchestratorProviderPicker = (
  props: FieldExtensionComponentProps<
    string,
    OrchestratorProviderPickerUiOptions
  >,
) => {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    schema,
    uiSchema,
    idSchema,
  } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const allowNone = options.allowNone !== false;
  const api = useApi(pavedApiRef);
  const info = useAsync(() => api.getInfo(), [api]);
  const providers = info.value?.providers ?? [];
  const value = formData ?? (allowNone ? NO_PROVIDER : '');
  // A value no provider has (a removed module, a stale link) is shown, marked.
  const unknown =
    value &&
    value !== NO_PROVIDER &&
    info.value &&
    !providers.some(p => p.id === value);
  const id = idSchema?.$id ?? 'orchestrator-provider';
  let help: string | undefined = schema.description;
  if (info.error) {
    help = `Could not list the orchestrator providers: ${info.error.message}`;
  } else if (info.value && !providers.length) {
    help =
      'No orchestrator provider is registered in this portal; deploy later.';
  } else if (unknown) {
    help = `No provider '${value}' is registered here; choose another.`;
  }
  return (
    <FormControl
      margin="normal"
      required={required}
      error={
        Boolean(rawErrors?.length) || Boolean(info.error) || Boolean(unknown)
      }
      fullWidth
    >
      <InputLabel id={`${id}-label`}>
        {schema.title ?? 'Orchestrator'}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        value={value}
        disabled={info.loading}
        onChange={e => onChange(String(e.target.value))}
        inputProps={{ 'data-testid': 'orchestrator-provider-select' }}
      >
        {allowNone && (
          <MenuItem value={NO_PROVIDER}>
            {options.noneLabel ?? 'No, deploy later'}
          </MenuItem>
        )}
        {providers.map(p => (
          <MenuItem key={p.id} value={p.id}>
            {p.title}
          </MenuItem>
        ))}
        {unknown && (
          <MenuItem value={value} disabled>
            {value} (not registered)
          </MenuItem>
        )}
      </Select>
      {help && <FormHelperText>{help}</FormHelperText>}
    </FormControl>
  );
};
