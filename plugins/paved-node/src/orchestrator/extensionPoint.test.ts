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
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { pavedOrchestratorExtensionPoint } from './extensionPoint';
import { OrchestratorProvider } from './OrchestratorProvider';

// Stands in for the Paved backend: owns the extension point and hands what
// modules registered to its init.
function consumingPlugin(onInit: (providers: OrchestratorProvider[]) => void) {
  return createBackendPlugin({
    pluginId: 'paved',
    register(env) {
      const providers: OrchestratorProvider[] = [];
      env.registerExtensionPoint(pavedOrchestratorExtensionPoint, {
        addProvider(...added) {
          providers.push(...added);
        },
      });
      env.registerInit({
        deps: {},
        async init() {
          onInit(providers);
        },
      });
    },
  });
}

function providerModule(moduleId: string, ...added: OrchestratorProvider[]) {
  return createBackendModule({
    pluginId: 'paved',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { orchestrators: pavedOrchestratorExtensionPoint },
        async init({ orchestrators }) {
          orchestrators.addProvider(...added);
        },
      });
    },
  });
}

const acme: OrchestratorProvider = {
  id: 'acme',
  title: 'ACME',
  type: 'platform-orchestrator',
  targetForEntity: entity => ({ projectId: `acme-${entity.metadata.name}` }),
};
const other: OrchestratorProvider = {
  id: 'other',
  title: 'Other',
  type: 'gitops',
};

describe('pavedOrchestratorExtensionPoint', () => {
  it('brings a provider a module registers to the plugin before its init', async () => {
    let seen: OrchestratorProvider[] | undefined;
    await startTestBackend({
      features: [
        consumingPlugin(providers => {
          seen = [...providers];
        }),
        providerModule('acme', acme),
      ],
    });

    expect(seen).toHaveLength(1);
    // The module's own object, with its operations, not a copy.
    expect(seen![0]).toBe(acme);
    expect(
      seen![0].targetForEntity!({ metadata: { name: 'checkout' } }),
    ).toEqual({ projectId: 'acme-checkout' });
  });

  it('collects the providers of several modules and of one call', async () => {
    let seen: string[] | undefined;
    const third = { ...other, id: 'third' };
    await startTestBackend({
      features: [
        providerModule('acme', acme),
        consumingPlugin(providers => {
          seen = providers.map(p => p.id);
        }),
        providerModule('more', other, third),
      ],
    });

    expect(seen?.sort()).toEqual(['acme', 'other', 'third']);
  });

  it('gives the plugin no provider when no module registers one', async () => {
    let seen: OrchestratorProvider[] | undefined;
    await startTestBackend({
      features: [
        consumingPlugin(providers => {
          seen = [...providers];
        }),
      ],
    });

    expect(seen).toEqual([]);
  });

  it('cannot be used by a module of another plugin', async () => {
    const catalogModule = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'sneaky',
      register(env) {
        env.registerInit({
          deps: { orchestrators: pavedOrchestratorExtensionPoint },
          async init({ orchestrators }) {
            orchestrators.addProvider(acme);
          },
        });
      },
    });

    await expect(
      startTestBackend({
        features: [consumingPlugin(() => {}), catalogModule],
      }),
    ).rejects.toThrow(
      /Illegal dependency.*extension point 'paved\.orchestrator' for plugin 'paved'/,
    );
  });
});
