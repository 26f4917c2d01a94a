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
import { z } from 'zod/v3';
import { componentZod, responseZod } from './openApiSchemas';

describe('OpenAPI schemas as zod', () => {
  it('keeps required and optional fields, enums, limits and descriptions', () => {
    const request = componentZod(z, 'RecordDeploymentRequest');
    const valid = {
      entityRef: 'component:default/checkout',
      externalId: 'run-1',
      environment: 'production',
      status: 'success',
    };
    expect(request.parse(valid)).toEqual(valid);
    const missing = request.safeParse({ ...valid, environment: undefined });
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error)).toContain('"environment"');
    expect(request.safeParse({ ...valid, status: 'done' }).success).toBe(false);
    expect(request.safeParse({ ...valid, externalId: '' }).success).toBe(false);
    expect(
      request.safeParse({ ...valid, startedAt: 'yesterday' }).success,
    ).toBe(false);
    // additionalProperties: false drops what the document does not name.
    expect(request.parse({ ...valid, extra: 1 })).toEqual(valid);

    expect(request.shape.externalId.isOptional()).toBe(false);
    expect(request.shape.entityRef.isOptional()).toBe(true);
    expect(request.shape.entityRef.description).toMatch(/Entity ref/);
  });

  it('reads an operation response, with nullable values', () => {
    const report = responseZod(z, 'GetDoraReport');
    expect(Object.keys(report.shape)).toEqual(
      expect.arrayContaining(['scope', 'window', 'metrics']),
    );
    const metric = (report.shape.metrics as any).shape.leadTime;
    const sample = {
      value: null,
      unit: 'seconds',
      sampleCount: 0,
      band: null,
      notAvailableReason: 'no production deployments in window',
    };
    expect(metric.parse(sample)).toEqual(sample);
    expect(metric.safeParse({ ...sample, unit: 'minutes' }).success).toBe(
      false,
    );
  });

  it('fails loudly for an operation without a JSON answer', () => {
    expect(() => responseZod(z, 'NoSuchOperation')).toThrow(
      "No JSON 200 response for 'NoSuchOperation'",
    );
  });
});
