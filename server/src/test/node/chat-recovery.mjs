// A chat client whose transport is cut while another member sends 100 messages: it reconnects,
// the server recovers its session, and it ends up with every message exactly once, in seq order.
// Arguments: url, roomId, writer token, reader token.
import { io } from "socket.io-client";
import { deadline, once, run, until } from "../../../../socketio/src/test/node/lib.mjs";

const [url, roomArg, writerToken, readerToken] = process.argv.slice(2);
const roomId = Number(roomArg);
deadline(60_000);

run(async () => {
  const reader = io(url, {
    transports: ["websocket"], forceNew: true, auth: { token: readerToken },
    reconnectionDelay: 100, reconnectionDelayMax: 200,
  });
  const writer = io(url, { transports: ["websocket"], forceNew: true, auth: { token: writerToken } });
  const seqs = [];
  reader.on("receive_message", (m) => { if (m.roomId === roomId) seqs.push(m.seq); });
  await Promise.all([once(reader, "connect"), once(writer, "connect")]);
  const firstRecovered = reader.recovered;

  const sent = [];
  let reconnected = null;
  for (let i = 0; i < 100; i++) {
    if (i === 30) {
      reconnected = once(reader, "connect");
      reader.io.engine.close(); // the network drops: the client will reconnect by itself
    }
    const ack = await writer.timeout(5_000).emitWithAck("send_message", { roomId, content: `m${i}`, clientId: `w-${i}` });
    if (!ack.ok) throw new Error(`send ${i} failed: ${JSON.stringify(ack)}`);
    sent.push(ack.ok.seq);
  }
  await reconnected;
  await until(() => seqs.length >= sent.length, "all messages at the reader");
  await new Promise((resolve) => setTimeout(resolve, 300)); // any duplicate would arrive by now
  const result = { firstRecovered, recovered: reader.recovered, sent, received: seqs };
  reader.disconnect();
  writer.disconnect();
  return result;
});
