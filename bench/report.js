// Builds the comparison table (markdown) from bench/results/*.json: node bench/report.js bench/results
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2] || path.join(__dirname, "results");
const load = (name) => {
  const file = path.join(dir, `${name}.json`);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
};
const F = { pChat: load("parley-sqlite-chatmix-fine"), rChat: load("reference-chatmix-fine"),
  pLadder: load("parley-sqlite-ladder-fine"), rLadder: load("reference-ladder-fine") };
const P = { idle: load("parley-sqlite-idle"), ladder: load("parley-sqlite-ladder"), chat: load("parley-sqlite-chatmix"),
  reconnect: load("parley-sqlite-reconnect"), chatPg: load("parley-postgres-chatmix") };
const R = { idle: load("reference-idle"), ladder: load("reference-ladder"), chat: load("reference-chatmix"),
  reconnect: load("reference-reconnect") };

const num = (v, digits = 1) => (v === null || v === undefined || Number.isNaN(v) ? "n/a" : Number(v).toFixed(digits));
const int = (v) => (v === null || v === undefined ? "n/a" : Math.round(v).toLocaleString("en-US"));
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const best = (c) => (c && c.bestWithinLimit) || null;
const pass = (r) => (r ? (r.passed ? "yes" : "**no**") : "not run");
const lostDup = (r) => (r ? `${r.lostMessages} / ${r.duplicateMessages}` : "n/a");

// CPU per delivery at the same offered load: the highest chat-mix rate both servers ran within the limit
const within = (c) => (c ? c.steps.filter((s) => s.p99Ms <= c.p99LimitMs && s.lostDeliveries === 0) : []);
const common = within(P.chat).map((s) => s.messagesPerSecondOffered)
  .filter((rate) => within(R.chat).some((s) => s.messagesPerSecondOffered === rate));
const sameRate = common.length ? Math.max(...common) : null;
const atRate = (c) => (c && sameRate ? c.steps.find((s) => s.messagesPerSecondOffered === sameRate) : null);

const rows = [];
const row = (metric, p, pg, r, rat, target) => rows.push(`| ${metric} | ${p} | ${pg} | ${r} | ${rat} | ${target} |`);
const met = (value, goal, higherIsBetter) =>
  value == null ? "n/a" : `${num(value, 2)}× (target ${higherIsBetter ? "≥" : "≤"} ${goal}×: ${
    (higherIsBetter ? value >= goal : value <= goal) ? "met" : "**missed**"})`;

row("Idle: connections held", int(P.idle && P.idle.connections), "", int(R.idle && R.idle.connections), "", "");
row("Idle: connects per second (ramp)", num(P.idle && P.idle.connectsPerSecond, 0), "", num(R.idle && R.idle.connectsPerSecond, 0), "", "");
row("Idle: server CPU-µs per connect", num(P.idle && P.idle.serverCpuMicrosPerConnect, 0), "",
  num(R.idle && R.idle.serverCpuMicrosPerConnect, 0), "", "");
row("Idle: RSS at 0 / held (MiB)", P.idle ? `${num(P.idle.rssAtZeroMiB, 0)} / ${num(P.idle.rssHeldMiB, 0)}` : "n/a", "",
  R.idle ? `${num(R.idle.rssAtZeroMiB, 0)} / ${num(R.idle.rssHeldMiB, 0)}` : "n/a", "", "");
const memRatio = ratio(P.idle && P.idle.rssKibPerConnection, R.idle && R.idle.rssKibPerConnection);
row("Idle: KiB RSS per connection", num(P.idle && P.idle.rssKibPerConnection), "", num(R.idle && R.idle.rssKibPerConnection),
  memRatio == null ? "n/a" : `${num(memRatio, 2)}× (RSS delta: a JVM's heap grown before the ramp hides the connections; judge by live heap, see text)`, "");
row("Idle: heartbeat failures / pings answered", P.idle ? `${P.idle.heartbeatFailures} / ${int(P.idle.pingsAnswered)}` : "n/a", "",
  R.idle ? `${R.idle.heartbeatFailures} / ${int(R.idle.pingsAnswered)}` : "n/a", "", "");
const ladderRatio = ratio(P.ladder && P.ladder.clientsWithinLimit, R.ladder && R.ladder.clientsWithinLimit);
row("Ladder: clients with p95 ≤ 250 ms", int(P.ladder && P.ladder.clientsWithinLimit), "",
  int(R.ladder && R.ladder.clientsWithinLimit), met(ladderRatio, 3, true), "");
const chatRatio = ratio(best(P.chat) && best(P.chat).deliveriesPerSecond, best(R.chat) && best(R.chat).deliveriesPerSecond);
row("Chat mix: deliveries/s at p99 ≤ 100 ms", num(best(P.chat) && best(P.chat).deliveriesPerSecond, 0),
  num(best(P.chatPg) && best(P.chatPg).deliveriesPerSecond, 0), num(best(R.chat) && best(R.chat).deliveriesPerSecond, 0),
  met(chatRatio, 5, true), "");
row("Chat mix: p99 at that rate (ms)", num(best(P.chat) && best(P.chat).p99Ms), num(best(P.chatPg) && best(P.chatPg).p99Ms),
  num(best(R.chat) && best(R.chat).p99Ms), "", "");
row("Chat mix: server CPU-µs per delivery at best rate", num(best(P.chat) && best(P.chat).serverCpuMicrosPerDelivery),
  num(best(P.chatPg) && best(P.chatPg).serverCpuMicrosPerDelivery), num(best(R.chat) && best(R.chat).serverCpuMicrosPerDelivery), "", "");
const cpuRatio = ratio(atRate(P.chat) && atRate(P.chat).serverCpuMicrosPerDelivery, atRate(R.chat) && atRate(R.chat).serverCpuMicrosPerDelivery);
row(`Chat mix: server CPU-µs per delivery at the same load (${sameRate || "n/a"} msg/s)`,
  num(atRate(P.chat) && atRate(P.chat).serverCpuMicrosPerDelivery), num(atRate(P.chatPg) && atRate(P.chatPg).serverCpuMicrosPerDelivery),
  num(atRate(R.chat) && atRate(R.chat).serverCpuMicrosPerDelivery), met(cpuRatio, 0.2, false), "");
const persistRatio = ratio(best(P.chatPg) && best(P.chatPg).deliveriesPerSecond, best(P.chat) && best(P.chat).deliveriesPerSecond);
row("Chat mix: PostgreSQL vs SQLite (both persisted)", "", persistRatio == null ? "n/a" : `${num(persistRatio, 2)}×`, "", "", "");
row("Reconnect: connections dropped", int(P.reconnect && P.reconnect.connections), "", int(R.reconnect && R.reconnect.connections), "", "");
row("Reconnect: all back and synced (s)", num(P.reconnect && P.reconnect.allBackAndSyncedSeconds, 2), "",
  num(R.reconnect && R.reconnect.allBackAndSyncedSeconds, 2), "", "");
row("Reconnect: missed messages returned by sync / expected",
  P.reconnect ? `${int(P.reconnect.missedMessagesReturnedBySync)} / ${int(P.reconnect.missedMessagesExpected)}` : "n/a", "",
  R.reconnect ? `${int(R.reconnect.missedMessagesReturnedBySync)} / ${int(R.reconnect.missedMessagesExpected)}` : "n/a", "", "");
for (const [name, key] of [["idle", "idle"], ["ladder", "ladder"], ["chat mix", "chat"], ["reconnect", "reconnect"]]) {
  row(`Lost / duplicated (${name})`, lostDup(P[key]), key === "chat" ? lostDup(P.chatPg) : "", lostDup(R[key]), "", "");
  row(`Passed (${name})`, pass(P[key]), key === "chat" ? pass(P.chatPg) : "", pass(R[key]), "", "");
}

console.log("| metric | Parley (SQLite) | Parley (PostgreSQL) | reference (Node.js, SQLite) | Parley / reference | |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);

const steps = (title, p, r, fields, extra = []) => {
  console.log(`\n${title}\n`);
  console.log(`| server | ${fields.map((f) => f[0]).join(" | ")} |`);
  console.log(`|---|${fields.map(() => "---").join("|")}|`);
  for (const [name, res] of [["Parley", p], ["reference", r]].concat(extra)) {
    if (!res) continue;
    for (const s of res.steps) console.log(`| ${name} | ${fields.map((f) => f[1](s)).join(" | ")} |`);
  }
};
steps("Broadcast ladder, per step:", P.ladder, R.ladder, [
  ["clients", (s) => int(s.clients)], ["p50 ms", (s) => num(s.p50Ms)], ["p95 ms", (s) => num(s.p95Ms)],
  ["p99 ms", (s) => num(s.p99Ms)], ["deliveries/s", (s) => num(s.deliveriesPerSecond, 0)],
  ["server CPU-µs/delivery", (s) => num(s.serverCpuMicrosPerDelivery, 2)], ["server cores", (s) => num(s.serverCpuCores, 2)],
  ["generator cores", (s) => num(s.generatorCpuCores, 2)], ["GC pauses (max ms)", (s) => `${s.gcPauses} (${num(s.gcPauseMaxMs)})`],
  ["lost/dup", (s) => `${s.lostDeliveries}/${s.duplicateDeliveries}`]]);
steps("Chat mix, per step:", P.chat, R.chat, [
  ["msg/s offered", (s) => int(s.messagesPerSecondOffered)], ["send interval per client (s)", (s) => num(s.sendIntervalSecondsPerClient, 2)],
  ["p50 ms", (s) => num(s.p50Ms)], ["p99 ms", (s) => num(s.p99Ms)],
  ["deliveries/s", (s) => num(s.deliveriesPerSecond, 0)], ["server CPU-µs/delivery", (s) => num(s.serverCpuMicrosPerDelivery, 2)],
  ["server cores", (s) => num(s.serverCpuCores, 2)], ["generator cores", (s) => num(s.generatorCpuCores, 2)],
  ["GC pauses (max ms)", (s) => `${s.gcPauses} (${num(s.gcPauseMaxMs)})`], ["lost/dup", (s) => `${s.lostDeliveries}/${s.duplicateDeliveries}`]], [["Parley (PostgreSQL)", P.chatPg]]);

// the finer runs (low rates, small steps): headline comparisons and per-step tables
if (F.pChat || F.rChat || F.pLadder || F.rLadder) {
  console.log("\nFiner runs (chat mix at 25/50/75 msg/s, ladder in steps of 200):\n");
  console.log("| metric | Parley (SQLite) | reference | Parley / reference |");
  console.log("|---|---|---|---|");
  const fc = ratio(best(F.pChat) && best(F.pChat).deliveriesPerSecond, best(F.rChat) && best(F.rChat).deliveriesPerSecond);
  console.log(`| Chat mix: deliveries/s at p99 ≤ 100 ms | ${num(best(F.pChat) && best(F.pChat).deliveriesPerSecond, 0)} | ${
    num(best(F.rChat) && best(F.rChat).deliveriesPerSecond, 0)} | ${met(fc, 5, true)} |`);
  const fl = ratio(F.pLadder && F.pLadder.clientsWithinLimit, F.rLadder && F.rLadder.clientsWithinLimit);
  console.log(`| Ladder: clients with p95 ≤ 250 ms | ${int(F.pLadder && F.pLadder.clientsWithinLimit)} | ${
    int(F.rLadder && F.rLadder.clientsWithinLimit)} | ${met(fl, 3, true)} |`);
  for (const rate of [25, 50, 75]) {
    const a = F.pChat && F.pChat.steps.find((x) => x.messagesPerSecondOffered === rate);
    const b = F.rChat && F.rChat.steps.find((x) => x.messagesPerSecondOffered === rate);
    if (!a || !b) continue;
    console.log(`| Chat mix ${rate} msg/s: server CPU-µs per delivery | ${num(a.serverCpuMicrosPerDelivery)} | ${
      num(b.serverCpuMicrosPerDelivery)} | ${met(ratio(a.serverCpuMicrosPerDelivery, b.serverCpuMicrosPerDelivery), 0.2, false)} |`);
  }
  steps("Chat mix (finer), per step:", F.pChat, F.rChat, [
    ["msg/s offered", (s) => int(s.messagesPerSecondOffered)], ["p50 ms", (s) => num(s.p50Ms)], ["p95 ms", (s) => num(s.p95Ms)],
    ["p99 ms", (s) => num(s.p99Ms)], ["deliveries/s", (s) => num(s.deliveriesPerSecond, 0)],
    ["server CPU-µs/delivery", (s) => num(s.serverCpuMicrosPerDelivery, 2)], ["server cores", (s) => num(s.serverCpuCores, 2)],
    ["generator cores", (s) => num(s.generatorCpuCores, 2)], ["GC pauses (max ms)", (s) => `${s.gcPauses} (${num(s.gcPauseMaxMs)})`],
    ["lost/dup", (s) => `${s.lostDeliveries}/${s.duplicateDeliveries}`]]);
  steps("Broadcast ladder (finer), per step:", F.pLadder, F.rLadder, [
    ["clients", (s) => int(s.clients)], ["p50 ms", (s) => num(s.p50Ms)], ["p95 ms", (s) => num(s.p95Ms)],
    ["p99 ms", (s) => num(s.p99Ms)], ["deliveries/s", (s) => num(s.deliveriesPerSecond, 0)],
    ["server CPU-µs/delivery", (s) => num(s.serverCpuMicrosPerDelivery, 2)], ["server cores", (s) => num(s.serverCpuCores, 2)],
    ["generator cores", (s) => num(s.generatorCpuCores, 2)], ["GC pauses (max ms)", (s) => `${s.gcPauses} (${num(s.gcPauseMaxMs)})`],
    ["lost/dup", (s) => `${s.lostDeliveries}/${s.duplicateDeliveries}`]]);
  const pass2 = (r) => (r ? (r.passed ? "passed" : "FAILED") : "not run");
  console.log(`\nFiner runs, lost/duplicated: Parley chat mix ${lostDup(F.pChat)} (${pass2(F.pChat)}), reference chat mix ${
    lostDup(F.rChat)} (${pass2(F.rChat)}), Parley ladder ${lostDup(F.pLadder)} (${pass2(F.pLadder)}), reference ladder ${
    lostDup(F.rLadder)} (${pass2(F.rLadder)}).`);
}
