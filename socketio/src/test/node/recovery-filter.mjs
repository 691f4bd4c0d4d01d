// Connection state recovery through a recovery filter: the server lets the resumed socket back into
// "kept" but not into "gone-1", so nothing of "gone-1" reaches it, neither replayed nor later; a
// filter that refuses ends the connection attempt with its message.
import { io } from "socket.io-client";
import { deadline, once, run, until } from "./lib.mjs";

const url = process.argv[2];
deadline(30_000);

run(async () => {
  const options = { transports: ["websocket"], forceNew: true, reconnection: false };
  const reader = io(url, { ...options, auth: { token: "ok" } });
  const writer = io(url, options);
  const received = [];
  reader.on("room-message", (text) => received.push(text));
  await Promise.all([once(reader, "connect"), once(writer, "connect")]);

  await reader.timeout(5_000).emitWithAck("join", "kept");
  await reader.timeout(5_000).emitWithAck("join", "gone-1");
  await writer.timeout(5_000).emitWithAck("say", "kept", "kept before");
  await until(() => received.includes("kept before"), "the first broadcast");

  const disconnected = once(reader, "disconnect");
  reader.emit("cut-my-transport");
  await disconnected;
  await writer.timeout(5_000).emitWithAck("say", "gone-1", "gone missed");
  await writer.timeout(5_000).emitWithAck("say", "kept", "kept missed");

  reader.connect();
  await once(reader, "connect");
  const recovered = reader.recovered;
  await writer.timeout(5_000).emitWithAck("say", "gone-1", "gone after");
  await writer.timeout(5_000).emitWithAck("say", "kept", "kept after");
  await until(() => received.includes("kept after"), "the broadcast after reconnecting");
  await new Promise((resolve) => setTimeout(resolve, 200));

  const cut = once(reader, "disconnect");
  reader.emit("cut-my-transport");
  await cut;
  reader.auth = { token: "refuse" };
  const refusal = once(reader, "connect_error");
  reader.connect();
  const [error] = await refusal;

  reader.disconnect();
  writer.disconnect();
  return { recovered, received, refused: error.message };
});
