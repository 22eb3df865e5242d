import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/**
 * What `npm run mutate` runs against each mutant: the unit and app tests, which
 * load the source in-process. The runtime, worker and browser tests run other
 * processes or a built bundle, which never see the mutated code.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    projects: undefined,
    include: ["test/unit/**/*.test.ts", "test/app/**/*.test.ts"],
    // No browser test runs here, so the bundles need no build.
    globalSetup: [],
    // Test files share one module graph: loading the app once per run instead
    // of once per file is most of a mutant's cost. The files pass this way too
    // (each test builds its own app and database).
    isolate: false,
    // Unit and app tests take milliseconds to seconds: a mutant that makes one hang (a promise
    // never settled) fails it after 10 s instead of waiting out the browser tests' limits.
    testTimeout: 10_000,
    hookTimeout: 10_000,
    expect: { poll: { timeout: 5_000 } },
  },
});
