import { defineConfig } from "vitest/config";

// Four projects, run separately or together: `vitest run --project unit` etc.
export default defineConfig({
    test: {
        // Explicit, so an "agent" environment does not switch vitest to a reporter without a summary.
        reporters: ["default"],
        // Off unless asked (`--coverage`; `npm test` asks on a full run). Only the in-process projects (unit,
        // emulator, provider) add to it: engine tests run the built package in Pulumi's own processes.
        coverage: {
            provider: "v8",
            include: ["src/**"],
            exclude: ["src/**/*.d.ts"],
            reportsDirectory: "test-results/coverage",
            // Figures even when a test fails (they then read low: the failing tests stopped early).
            reportOnFailure: true,
            // A table of the files not fully covered (folders have their own rows), then the totals last.
            reporter: [["text", { skipFull: true }], "text-summary", "json-summary"],
            // Below any of these the run fails. Files under the globs count in the overall figure too.
            thresholds: {
                lines: 80,
                "src/client/**": { lines: 90 },
                "src/provider/**": { lines: 90 },
                // `--project emulator` alone covers 96% of the emulator's lines; the floor sits just under that.
                "src/emulator/**": { lines: 95 },
            },
        },
        projects: [
            {
                extends: true,
                test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 10_000 },
            },
            {
                extends: true,
                test: { name: "emulator", include: ["test/emulator/**/*.test.ts"], testTimeout: 30_000 },
            },
            {
                extends: true,
                test: { name: "provider", include: ["test/provider/**/*.test.ts"], testTimeout: 30_000 },
            },
            {
                extends: true,
                test: {
                    name: "engine",
                    include: ["test/engine/**/*.test.ts"],
                    testTimeout: 300_000,
                    hookTimeout: 600_000,
                    // Engine tests drive the real CLI: one file at a time keeps 2-core machines responsive.
                    fileParallelism: false,
                },
            },
        ],
    },
});
