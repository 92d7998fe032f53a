// Preloaded (node --require) into each command whose memory is compared: writes the
// process's peak resident set size, in kB, to the file named by RSS_PROBE_FILE at exit.
const { writeFileSync } = require("node:fs");

process.on("exit", () => {
  if (process.env.RSS_PROBE_FILE) writeFileSync(process.env.RSS_PROBE_FILE, String(process.resourceUsage().maxRSS));
});
