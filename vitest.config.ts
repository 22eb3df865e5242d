import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Browser tests load the built bundles: rebuilt first whenever a source is newer.
    globalSetup: ["test/global-setup.ts"],
    // Real processes, workerd and Chromium on two cores that other work shares: these only end a
    // test that hangs. On a machine loaded twenty times over, a whole call takes minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // A poll waits for a state, it does not time it: under load a page or a socket may take
    // many seconds to get there (the default of one second made calls fail on a busy machine).
    expect: { poll: { timeout: 120_000 } },
    pool: "forks",
    maxWorkers: 2,
  },
});
