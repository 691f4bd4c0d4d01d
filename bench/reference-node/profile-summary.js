// Prints the functions with the most self time in a V8 .cpuprofile: node profile-summary.js FILE [N]
"use strict";
const fs = require("fs");
const profile = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const top = Number(process.argv[3] || 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) {
  const f = byId.get(id).callFrame;
  const file = (f.url || "").replace(/^.*node_modules\//, "").replace(/^.*\/reference-node\//, "") || "(native)";
  const key = `${f.functionName || "(anonymous)"}  ${file}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) || 0) + 1);
}
const total = profile.samples.length;
console.log(`samples: ${total}`);
for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
}
