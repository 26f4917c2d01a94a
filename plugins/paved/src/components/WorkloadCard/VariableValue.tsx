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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  isSecretLikeName,
  parsePlaceholders,
  ScoreWorkloadSummary,
} from '@paved/plugin-paved-common';
import Tooltip from '@material-ui/core/Tooltip';
import { Fragment } from 'react';

const MASK = '••••••';

/**
 * A variable's value with each `${resources.<name>.<output>}` placeholder
 * shown as a link to the resource it uses. Literal values of secret-looking
 * names are masked: the card never shows a secret, even a leaked one.
 */
export const VariableValue = ({
  name,
  value,
  resources,
}: {
  name: string;
  value: string;
  resources: ScoreWorkloadSummary['resources'];
}) => {
  const { placeholders } = parsePlaceholders(value);
  if (placeholders.length === 0) {
    return isSecretLikeName(name) || value === '<redacted>' ? (
      <Tooltip title="Hidden: the name looks like a secret">
        <span>{MASK}</span>
      </Tooltip>
    ) : (
      <code>{value}</code>
    );
  }

  const parts: JSX.Element[] = [];
  let cursor = 0;
  placeholders.forEach((placeholder, index) => {
    if (placeholder.start > cursor) {
      parts.push(
        <Fragment key={`t${index}`}>
          {value.slice(cursor, placeholder.start)}
        </Fragment>,
      );
    }
    const text = value.slice(placeholder.start, placeholder.end);
    const [root, resourceName] = placeholder.parts;
    const resource =
      root === 'resources' && resourceName
        ? resources[resourceName]
        : undefined;
    parts.push(
      resource ? (
        <EntityRefLink
          key={`p${index}`}
          entityRef={resource.entityRef}
          title={text}
        />
      ) : (
        <Fragment key={`p${index}`}>{text}</Fragment>
      ),
    );
    cursor = placeholder.end;
  });
  if (cursor < value.length) {
    parts.push(<Fragment key="tail">{value.slice(cursor)}</Fragment>);
  }
  return <code>{parts}</code>;
};
