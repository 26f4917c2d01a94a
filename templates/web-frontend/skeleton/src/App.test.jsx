import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App.jsx';

globalThis.IS_REACT_ACT_ENVIRONMENT = true;

describe('App', () => {
  let container;
  let root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const type = value => {
    const input = container.querySelector('input');
    const setter = Object.getOwnPropertyDescriptor(
      HTMLInputElement.prototype,
      'value',
    ).set;
    act(() => {
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };
  const submit = () =>
    act(() => {
      container
        .querySelector('form')
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });

  it('shows its title', () => {
    act(() => root.render(<App title="my site" />));
    expect(container.querySelector('h1').textContent).toBe('my site');
  });

  it('adds what the user typed to the list', () => {
    act(() => root.render(<App title="t" />));
    type('  first ');
    submit();
    expect([...container.querySelectorAll('li')].map(li => li.textContent)).toEqual([
      'first',
    ]);
    expect(container.querySelector('input').value).toBe('');
  });

  it('says what to fix on an empty name', () => {
    act(() => root.render(<App title="t" />));
    submit();
    expect(container.querySelector('[role="alert"]').textContent).toBe(
      'Type a name first',
    );
    expect(container.querySelectorAll('li')).toHaveLength(0);
  });
});
