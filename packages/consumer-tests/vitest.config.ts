import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    reporters,
    testTimeout: 60_000,
    // Packing and installing with npm takes a while on a cold cache.
    hookTimeout: 300_000,
  },
});
