import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/**/*.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          // Each file starts its own sshd and rsyslogd; on 2 cores, one at a time
          // keeps throughput tests honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
