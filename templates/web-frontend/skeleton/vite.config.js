import { defineConfig } from 'vite';

// Vite compiles JSX with esbuild's automatic runtime; no React plugin needed.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'jsdom',
  },
});
