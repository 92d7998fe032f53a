// Shared by every package's vitest config: besides the console, each run writes a JSON
// report that scripts/test sums up into one closing "N passed, N failed" line.
export const reporters: ["default", ["json", { outputFile: string }]] = [
  "default",
  ["json", { outputFile: "reports/vitest.json" }],
];
