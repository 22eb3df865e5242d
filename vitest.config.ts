import { defineConfig } from "vitest/config";

const GROUP_CALLS = ["test/e2e/group-call.test.ts", "test/e2e/group-journey.test.ts"];

export default defineConfig({
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: "main",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: ["test/field/**", "**/node_modules/**", ...GROUP_CALLS],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Calls of three and four people: four Chromium pages each encoding video for up to
        // three connections fill both cores. After the other files, one at a time, so they
        // neither starve the other browser tests nor are starved by them.
        extends: true,
        test: {
          name: "group-calls",
          include: GROUP_CALLS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The network lab (root, namespaces, coturn, two Chromiums a call) after everything
        // else and one file at a time: its calls measure gaps in audio, which a busy machine
        // would add to.
        extends: true,
        test: {
          name: "field",
          include: ["test/field/**/*.test.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
