import { defineConfig } from 'vite';

// Builds the page modules into the jar's static/ folder, with stable names the templates link to.
export default defineConfig({
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The shared chart chunk: ECharts core with only the charts and components charts.ts registers.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        app: 'src/ts/app.ts',
        trace: 'src/ts/trace.ts',
        endpoint: 'src/ts/endpoint.ts',
        compare: 'src/ts/compare.ts',
      },
      output: {
        entryFileNames: 'assets/[name].js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
