// Transports, binary payloads and acknowledgements in both directions, and auth refusal,
// as seen by the JavaScript client the web app uses.
import { io } from "socket.io-client";
import { call, deadline, once, run } from "./lib.mjs";

const url = process.argv[2];
deadline(30_000);

async function exchange(transports, upgrade) {
  const socket = io(url, { transports, upgrade, forceNew: true, reconnection: false });
  await once(socket, "connect");
  if (upgrade) {
    if (socket.io.engine.transport.name !== "websocket") {
      await once(socket.io.engine, "upgrade");
    }
  }
  const bytes = Uint8Array.from([0, 1, 2, 254, 255]);
  const echoed = await call(socket, "echo-ack", "text", bytes, { nested: [1, "two"] });
  const fromServer = await new Promise((resolve) => {
    socket.once("question", (text, ack) => {
      ack("answer", Uint8Array.from([9, 9]));
      resolve(text);
    });
    socket.emit("ask-me", 5_000);
  });
  const serverGot = await once(socket, "answer-was");
  const result = {
    transport: socket.io.engine.transport.name,
    echoedText: echoed[0],
    echoedBytes: Array.from(new Uint8Array(echoed[1])),
    echoedObject: echoed[2],
    question: fromServer,
    serverGot: serverGot,
  };
  socket.disconnect();
  return result;
}

async function refused(auth) {
  const socket = io(`${url}/secure`, { auth, transports: ["websocket"], forceNew: true, reconnection: false });
  const [error] = await once(socket, "connect_error");
  socket.disconnect();
  return error.message;
}

run(async () => ({
  websocket: await exchange(["websocket"], false),
  polling: await exchange(["polling"], false),
  upgraded: await exchange(["polling", "websocket"], true),
  noToken: await refused({}),
  badToken: await refused({ token: "forged" }),
}));
