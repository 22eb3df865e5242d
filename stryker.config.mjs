/**
 * Mutation testing (`npm run mutate`) of the modules that carry security and
 * data promises. Not part of CI: it runs the unit and app tests against each
 * mutant, which takes long on two cores. One module at a time while working:
 * `npm run mutate -- --mutate src/rooms/tickets.ts`.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.ts", related: true },
  coverageAnalysis: "perTest",
  mutate: [
    "src/security/**/*.ts",
    "src/auth/**/*.ts",
    "src/auth/**/*.tsx",
    "src/rooms/protocol.ts",
    "src/rooms/tickets.ts",
    "src/rooms/routes.ts",
    "src/client-journey/client-session.ts",
    "src/appointments/state.ts",
    "src/appointments/client-store.ts",
    "src/client-journey/limits.ts",
    "src/retention/purge.ts",
  ],
  // The machine is shared: one test process at a time, and only the mutants
  // whose code or tests changed since the last run (reports/stryker-incremental.json).
  concurrency: 1,
  // Static mutants (module-level code: the route table, form schemas, constants) run once at
  // import, so each needs every related test file instead of the few that cover it: about a third
  // of the mutants and nine tenths of the time. `npm run mutate` leaves them out of the score;
  // `npm run mutate -- --ignoreStatic false` measures them too (hours on two cores).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  timeoutFactor: 3,
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 30,
  // "event-recorder" writes each mutant's result as it is known (reports/mutation/events), so
  // survivors can be read and worked on while a long run goes on.
  reporters: ["clear-text", "progress", "html", "json", "event-recorder"],
  eventReporter: { baseDir: "reports/mutation/events" },
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["data", ".wrangler", "reports", "bench/results.json"],
};
