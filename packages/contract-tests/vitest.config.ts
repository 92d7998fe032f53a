import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    reporters,
    testTimeout: 20_000,
    // The proxy-gate tests each start Prism and the CLI four times: two at a time at most.
    maxConcurrency: 2,
    hookTimeout: 60_000,
  },
});
