import { defineConfig } from 'vite';

// Builds the page modules into the jar's static/ folder, with stable names the templates link to.
export default defineConfig({
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      input: {
        app: 'src/ts/app.ts',
        trace: 'src/ts/trace.ts',
      },
      output: {
        entryFileNames: 'assets/[name].js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
