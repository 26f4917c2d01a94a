import { useState } from 'react';

/** The example page; replace it with your own. */
export function App({ title }) {
  const [items, setItems] = useState([]);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');

  const add = event => {
    event.preventDefault();
    const name = draft.trim();
    if (!name) {
      setError('Type a name first');
      return;
    }
    setItems([...items, name]);
    setDraft('');
    setError('');
  };

  return (
    <main>
      <h1>{title}</h1>
      <form onSubmit={add}>
        <label>
          Name <input value={draft} onChange={e => setDraft(e.target.value)} />
        </label>
        <button type="submit">Add</button>
      </form>
      {error && <p role="alert">{error}</p>}
      <ul>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </main>
  );
}
