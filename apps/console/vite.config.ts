import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The console is served under /console by the gateway (production builds) and by Vite in development;
 * GraphiQL is a second page (graphiql.html), which the gateway serves at /graphiql. Everything is
 * bundled: no CDN at run time.
 */
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        graphiql: fileURLToPath(new URL('graphiql.html', import.meta.url)),
      },
    },
  },
  server: {
    port: 5173,
    // docs/queries/*.graphql are bundled into GraphiQL from outside the app folder.
    fs: { allow: [repoRoot] },
    // In development the API stays the gateway's: one origin for the browser, no CORS.
    proxy: {
      '/graphql': gateway,
      '/documents': gateway,
      '/console/dev-login': gateway,
      '/console/config.json': gateway,
    },
  },
});
