// Connection state recovery is kept per room: a flood in a busy room does not cost a socket of a
// quiet room its recovery, while a socket in both is not recovered once the busy room moved on.
import { io } from "socket.io-client";
import { deadline, once, run, until } from "./lib.mjs";

const url = process.argv[2];
const flood = Number(process.argv[3]);
deadline(30_000);

run(async () => {
  const options = { transports: ["websocket"], forceNew: true, reconnection: false };
  const quietOnly = io(url, options);
  const inBoth = io(url, options);
  const writer = io(url, options);
  const received = [];
  quietOnly.on("room-message", (text) => received.push(text));
  await Promise.all([once(quietOnly, "connect"), once(inBoth, "connect"), once(writer, "connect")]);

  await quietOnly.timeout(5_000).emitWithAck("join", "quiet");
  await inBoth.timeout(5_000).emitWithAck("join", "quiet");
  await inBoth.timeout(5_000).emitWithAck("join", "busy");
  await writer.timeout(5_000).emitWithAck("say", "quiet", "before");
  await until(() => received.includes("before"), "the first broadcast");

  const cut = [once(quietOnly, "disconnect"), once(inBoth, "disconnect")];
  quietOnly.emit("cut-my-transport");
  inBoth.emit("cut-my-transport");
  await Promise.all(cut);

  await writer.timeout(5_000).emitWithAck("say", "quiet", "missed");
  await writer.timeout(10_000).emitWithAck("flood", "busy", flood);

  quietOnly.connect();
  inBoth.connect();
  await Promise.all([once(quietOnly, "connect"), once(inBoth, "connect")]);
  await writer.timeout(5_000).emitWithAck("say", "quiet", "after");
  await until(() => received.includes("after"), "the broadcast after reconnecting");

  const result = {
    quietRecovered: quietOnly.recovered,
    bothRecovered: inBoth.recovered,
    received,
  };
  quietOnly.disconnect();
  inBoth.disconnect();
  writer.disconnect();
  return result;
});
