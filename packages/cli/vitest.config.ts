import { defineConfig } from "vitest/config";
import { reporters } from "../../vitest.shared.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters,
    // Every test runs the built CLI as a process, some of them hundreds of requests: under
    // a parallel turbo run on two cores, 5 s is too tight.
    testTimeout: 30_000,
  },
});
