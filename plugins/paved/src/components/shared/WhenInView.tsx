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
import { ReactNode, Suspense, useEffect, useRef, useState } from 'react';

/**
 * Renders its children once they scroll near the viewport, and a box of
 * the same height until then: charts (and their lazily imported chunk)
 * below the fold cost nothing on page load. Without IntersectionObserver
 * (old browsers, jsdom) the children render at once.
 */
export const WhenInView = ({
  height,
  width,
  children,
}: {
  height: number;
  width?: number;
  children: ReactNode;
}) => {
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(
    () => typeof IntersectionObserver === 'undefined',
  );
  useEffect(() => {
    const element = box.current;
    if (visible || !element) return undefined;
    const observer = new IntersectionObserver(
      entries => {
        if (entries.some(entry => entry.isIntersecting)) {
          setVisible(true);
          observer.disconnect();
        }
      },
      { rootMargin: '200px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);
  const placeholder = <div style={{ height, width }} />;
  return (
    <div ref={box} style={{ minHeight: height, width }}>
      {visible ? <Suspense fallback={placeholder}>{children}</Suspense> : null}
    </div>
  );
};
