import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv } from "vite";

// Vitest reads its settings from the `test` key below.
import type { ViteUserConfig } from "vitest/config";

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, ".", "VITE_");
  const config: ViteUserConfig = {
    plugins: [react()],
    // Tauri loads the bundle from disk, so every asset URL must be relative.
    base: "./",
    clearScreen: false,
    // Replaced at build time so that the dev-only mock backend is dropped from
    // production bundles unless VITE_MOCK_API=1 is set explicitly.
    define: {
      "import.meta.env.VITE_MOCK_API": JSON.stringify(env.VITE_MOCK_API ?? ""),
    },
    server: {
      port: 1420,
      strictPort: true,
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
