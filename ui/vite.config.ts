import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";

// Vitest reads its settings from the `test` key below.
import type { ViteUserConfig } from "vitest/config";

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, ".", ["VITE_", "FOVEA_BRIDGE_URL"]);
  const config: ViteUserConfig = {
    plugins: [react()],
    // Tauri loads the bundle from disk, so every asset URL must be relative.
    base: "./",
    clearScreen: false,
    server: {
      port: 1420,
      strictPort: true,
      // `dev/ui`: the browser calls the development bridge on the same origin, so no CORS is needed.
      proxy: env.FOVEA_BRIDGE_URL
        ? { "/__fovea": { target: env.FOVEA_BRIDGE_URL, rewrite: (path) => path.replace(/^\/__fovea/, "") } }
        : undefined,
    },
    build: {
      outDir: "dist",
      emptyOutDir: true,
      sourcemap: false,
      // Loaded from disk by the desktop shell, so one ~600 kB chunk costs nothing worth splitting for.
      chunkSizeWarningLimit: 1000,
    },
    test: {
      // Component tests opt into jsdom with `// @vitest-environment jsdom` at the top of the file.
      environment: "node",
      globalSetup: ["./src/test/bridge.global.ts"],
      setupFiles: ["./src/test/setup.ts"],
      css: false,
      restoreMocks: true,
      // Generous: CI shares two cores with cargo builds.
      testTimeout: 30_000,
    },
  };
  return config;
});
