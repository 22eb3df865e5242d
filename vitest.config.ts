import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Real processes, workerd and Chromium on two cores: generous, never relied on for pass/fail.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A poll waits for a state, it does not time it: under load a page or a socket may take
    // seconds to get there (the default of one second made calls fail on a busy machine).
    expect: { poll: { timeout: 30_000 } },
    pool: "forks",
    maxWorkers: 2,
  },
});
