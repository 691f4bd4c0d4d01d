// Connection state recovery: a client whose transport is cut misses room broadcasts, reconnects,
// and gets them replayed with recovered === true, without duplicates.
import { io } from "socket.io-client";
import { deadline, once, run, until } from "./lib.mjs";

const url = process.argv[2];
deadline(30_000);

run(async () => {
  const reader = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  const writer = io(url, { transports: ["websocket"], forceNew: true, reconnection: false });
  const received = [];
  reader.on("room-message", (text) => received.push(text));
  await Promise.all([once(reader, "connect"), once(writer, "connect")]);
  const firstId = reader.id;
  const firstRecovered = reader.recovered;

  await reader.timeout(5_000).emitWithAck("join", "room-1");
  await writer.timeout(5_000).emitWithAck("say", "room-1", "before");
  await until(() => received.includes("before"), "the first broadcast");

  const disconnected = once(reader, "disconnect");
  reader.emit("cut-my-transport");
  const [reason] = await disconnected;

  await writer.timeout(5_000).emitWithAck("say", "room-1", "missed-1");
  await writer.timeout(5_000).emitWithAck("say", "room-2", "other room");
  await writer.timeout(5_000).emitWithAck("say", "room-1", "missed-2");

  reader.connect();
  await once(reader, "connect");
  await writer.timeout(5_000).emitWithAck("say", "room-1", "after");
  await until(() => received.includes("after"), "the broadcast after reconnecting");

  const result = {
    firstRecovered,
    disconnectReason: reason,
    recovered: reader.recovered,
    sameId: reader.id === firstId,
    received,
  };
  reader.disconnect();
  writer.disconnect();
  return result;
});
