import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the dashboard on :5173 against the service on :8080 (OVEN_API to change it).
export default defineConfig({
  plugins: [react()],
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': process.env.OVEN_API ?? 'http://localhost:8080' } },
  test: { include: ['src/**/*.test.ts'] },
});
