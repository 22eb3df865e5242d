import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

/** `npm run test:field`: only the network lab (root: namespaces, NATs, coturn, Chromium per side). */
export default defineConfig({
  ...base,
  test: { ...base.test, projects: undefined, include: ["test/field/**/*.test.ts"], maxWorkers: 1 },
});
