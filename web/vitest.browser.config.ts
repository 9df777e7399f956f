import { configDefaults, defineConfig } from "vitest/config";

// Browser tests: real Chromium (playwright-core) against the real livetodos.jar.
// e2e/v2 needs a server that serves v2 (lists, tickets, the local issuer) and runs on its own
// (vitest.browser.v2.config.ts) until the jar does; then it joins this run.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    exclude: [...configDefaults.exclude, "e2e/v2/**"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
