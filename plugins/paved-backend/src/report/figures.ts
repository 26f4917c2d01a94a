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
import { entityPagePath } from '../http/portalPaths';
import {
  DoraRowMetric,
  formatDoraValue,
  ReportFigure,
  ReportMetricChange,
} from '@paved/plugin-paved-common';

/** Figures of the report: a value, its text and the view it comes from. */
export function figure(
  value: number | null | undefined,
  text: string,
  link: string,
): ReportFigure {
  return {
    value: value ?? null,
    text: value === null || value === undefined ? 'n/a' : text,
    link,
  };
}

export const count = (value: number | null | undefined, link: string) =>
  figure(value, String(value), link);

/** A share 0..1 as a percentage. */
export const share = (value: number | null | undefined, link: string) =>
  figure(value, percent(value ?? 0), link);

export function percent(value: number): string {
  return `${(value * 100).toFixed(1).replace(/\.0$/, '')} %`;
}

/** A score 0..100, one decimal. */
export const score = (value: number | null | undefined, link: string) =>
  figure(value, (value ?? 0).toFixed(1).replace(/\.0$/, ''), link);

function signed(value: number, text: string): string {
  if (value > 0) return `+${text}`;
  if (value < 0) return `-${text}`;
  return `±${text}`;
}

/** This month, the month before and the change, from two DORA metrics. */
export function doraChange(
  current: Pick<DoraRowMetric, 'value' | 'unit'> | undefined,
  previous: Pick<DoraRowMetric, 'value' | 'unit'> | undefined,
  link: string,
): ReportMetricChange {
  const unit = current?.unit ?? previous?.unit ?? 'ratio';
  const now = current?.value ?? null;
  const before = previous?.value ?? null;
  const delta = now !== null && before !== null ? now - before : null;
  let deltaText = 'n/a';
  if (delta !== null && unit === 'ratio') {
    const points = Math.abs(delta * 100)
      .toFixed(1)
      .replace(/\.0$/, '');
    deltaText = signed(delta, `${points} pp`);
  } else if (delta !== null) {
    deltaText =
      delta === 0
        ? '±0'
        : signed(delta, formatDoraValue(Math.abs(delta), unit));
  }
  return {
    current: figure(now, formatDoraValue(now, unit), link),
    previous: figure(before, formatDoraValue(before, unit), link),
    change: figure(delta, deltaText, link),
  };
}

/** Counts this month, the month before and the change. */
export function countChange(
  current: number | undefined,
  previous: number | undefined,
  link: string,
): ReportMetricChange {
  const now = current ?? 0;
  const before = previous ?? 0;
  const delta = now - before;
  return {
    current: count(now, link),
    previous: count(before, link),
    change: figure(
      delta,
      delta === 0 ? '±0' : signed(delta, String(Math.abs(delta))),
      link,
    ),
  };
}

/** The portal path of an entity page (`/catalog/ns/kind/name`). */
export const entityPath = (ref: string) => entityPagePath(ref);
