import { defineConfig } from "vitest/config";

// Two people sharing lists, against a livetodos.jar that serves v2: `npm run test:browser:v2`.
// Not part of `mvn -Pbrowser` yet (the jar does not serve v2 yet).
export default defineConfig({
  test: {
    include: ["e2e/v2/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
