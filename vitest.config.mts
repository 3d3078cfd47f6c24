import { defineConfig } from "vitest/config";

// Four projects, run separately or together: `vitest run --project unit` etc.
export default defineConfig({
    test: {
        // Explicit, so an "agent" environment does not switch vitest to a reporter without a summary.
        reporters: ["default"],
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
