// A chat client loses its connection; while it is away its user is removed from the room
// ("removed") or its session signs out ("signed-out"). The client then reconnects with its saved
// session id and offset, as socket.io-client does, and reports what reached it.
// Arguments: url, mode, roomId, owner token, reader token, reader id, reader refresh token.
import { io } from "socket.io-client";
import { deadline, once, run, until } from "../../../../socketio/src/test/node/lib.mjs";

const [url, mode, roomArg, ownerToken, readerToken, readerId, readerRefresh] = process.argv.slice(2);
const roomId = Number(roomArg);
deadline(30_000);

async function rest(method, path, token, body) {
  const response = await fetch(url + path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.status;
}

run(async () => {
  const options = { transports: ["websocket"], forceNew: true, reconnection: false };
  const reader = io(url, { ...options, auth: { token: readerToken } });
  const owner = io(url, { ...options, auth: { token: ownerToken } });
  const received = [];
  const typing = [];
  const removed = [];
  reader.on("receive_message", (m) => { if (m.roomId === roomId) received.push(m.content); });
  reader.on("message_updated", (m) => { if (m.roomId === roomId) received.push(`updated:${m.content}`); });
  reader.on("user_typing", (t) => { if (t.roomId === roomId) typing.push(t.userId); });
  reader.on("room_removed", (r) => removed.push(r.roomId));
  await Promise.all([once(reader, "presence_snapshot"), once(owner, "presence_snapshot")]);

  const send = async (content) => {
    const ack = await owner.timeout(5_000).emitWithAck("send_message", { roomId, content });
    if (!ack.ok) throw new Error(`send failed: ${JSON.stringify(ack)}`);
    return ack.ok.seq;
  };
  await send("before");
  await until(() => received.includes("before"), "the first message");

  const disconnected = once(reader, "disconnect");
  reader.io.engine.close(); // the network drops
  await disconnected;
  let status;
  if (mode === "removed") {
    status = await rest("DELETE", `/api/rooms/${roomId}/members/${readerId}`, ownerToken);
  } else {
    status = await rest("POST", "/api/auth/logout", null, { refreshToken: readerRefresh });
  }
  const missedSeq = await send("missed");

  let outcome;
  const connected = once(reader, "connect").then(() => "connected");
  const refused = once(reader, "connect_error").then(([e]) => `error: ${e.message}`);
  reader.connect();
  outcome = await Promise.race([connected, refused]);
  const recovered = reader.recovered;

  await send("after");
  await owner.timeout(5_000).emitWithAck("edit_message", { roomId, seq: missedSeq, content: "missed, edited" });
  await owner.timeout(5_000).emitWithAck("typing", roomId);
  await new Promise((resolve) => setTimeout(resolve, 500)); // anything that leaks arrives by now

  reader.disconnect();
  owner.disconnect();
  return { status, outcome, recovered, received, typing, removed };
});
