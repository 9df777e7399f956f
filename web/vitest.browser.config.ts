import { defineConfig } from "vitest/config";

// Browser tests: real Chromium (playwright-core) against the real livetodos.jar.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
