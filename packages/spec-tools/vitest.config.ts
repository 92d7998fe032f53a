import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters,
    // Each lint test runs redocly as a process: seconds each, more on a loaded CI machine.
    testTimeout: 90_000,
  },
});
