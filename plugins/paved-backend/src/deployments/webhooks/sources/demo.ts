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
import { InputError } from '@backstage/errors';
import { DEMO_RECORD_SOURCE } from '../../recordSources';
import { at, optionalString } from '../read';
import { verifyHexSignature } from '../signatures';
import { header, Interpretation, LedgerAction, WebhookSource } from '../types';
import { genericSource } from './generic';

/** Kinds a demo deployment may name (plan and destroy runs are not demoed). */
const DEMO_KINDS = ['deploy', 'rollback'];

/**
 * The demo data module's deliveries (`PavedDemoDataSeeder.seedLedger`):
 * the generic webhook's format, signed the same way, stored under the
 * source `demo` whatever the body says, plus an optional `kind`. They come
 * from inside the backend only: the intake route never serves this source
 * (it is not in `webhookSources`), and its secret is made per process.
 */
export const demoSource: WebhookSource = {
  id: DEMO_RECORD_SOURCE,
  signatureHeader: 'X-Paved-Signature-256',
  verify(request, secret) {
    verifyHexSignature({
      value: header(request.headers, 'x-paved-signature-256'),
      headerName: 'X-Paved-Signature-256',
      prefix: 'sha256=',
      secret,
      body: request.rawBody,
    });
  },
  identify: genericSource.identify,
  interpret(event, body, options): Interpretation {
    if (at(body, 'source') !== undefined) {
      throw new InputError(
        `A demo delivery is stored under the source '${DEMO_RECORD_SOURCE}'; leave source out`,
      );
    }
    const kind = optionalString(body, 'kind');
    if (kind !== undefined && !DEMO_KINDS.includes(kind)) {
      throw new InputError(
        `kind must be one of ${DEMO_KINDS.join(', ')}, not '${kind}'`,
      );
    }
    const generic = genericSource.interpret(event, body, options);
    return {
      ...generic,
      actions: generic.actions.map((action): LedgerAction => {
        if (action.type === 'deployment') {
          return {
            ...action,
            kind,
            deployment: { ...action.deployment, source: DEMO_RECORD_SOURCE },
          };
        }
        if (action.type === 'incident') {
          return {
            ...action,
            incident: { ...action.incident, source: DEMO_RECORD_SOURCE },
          };
        }
        return action;
      }),
    };
  },
};
