// Runs one baseline linter over the files listed (one path per line) in
// argv[3] and prints {tool, files, bytes, seconds, issues} as JSON. Called
// by bench/check_bench.cc so that every tool sees the same text in the same
// run. Reading the files is not timed; linting each file is.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const tool = process.argv[2];
const files = readFileSync(process.argv[3], "utf8").split("\n").filter(Boolean);
const texts = files.map((f) => readFileSync(f, "utf8"));
let lint;
if (tool === "zhlint") {
  const { run } = await import("zhlint");
  const options = { rules: { preset: "default" } };
  lint = (t) => run(t, options).validations.length;
} else if (tool === "autocorrect") {
  const { lintFor } = await import("@huacnlee/autocorrect");
  lint = (t) => (lintFor(t, "md").lines || []).length;
} else {
  console.error(`unknown tool ${tool}`);
  process.exit(2);
}
lint(texts[0]); // warm-up: module initialisation is not the linter's speed
let issues = 0;
const t0 = performance.now();
for (const t of texts) issues += lint(t);
const seconds = (performance.now() - t0) / 1000;
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
console.log(JSON.stringify({ tool, files: texts.length, bytes, seconds, issues }));
