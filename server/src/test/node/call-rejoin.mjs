// A call participant whose transport is cut reconnects with its session recovered (same socket id)
// and is still in the call after the rejoin grace; the caller never sees them dropped.
// Arguments: url, roomId, caller token, callee token, grace in ms.
import { io } from "socket.io-client";
import { call, deadline, once, run } from "../../../../socketio/src/test/node/lib.mjs";

const [url, roomArg, callerToken, calleeToken, graceArg] = process.argv.slice(2);
const roomId = Number(roomArg);
const grace = Number(graceArg);
deadline(60_000);

run(async () => {
  const caller = io(url, { transports: ["websocket"], forceNew: true, auth: { token: callerToken } });
  const callee = io(url, {
    transports: ["websocket"], forceNew: true, auth: { token: calleeToken },
    reconnectionDelay: 100, reconnectionDelayMax: 200,
  });
  await Promise.all([once(caller, "presence_snapshot"), once(callee, "presence_snapshot")]);
  const updates = [];
  caller.on("call_updated", (c) => updates.push(c.participants.map((p) => p.deviceId)));

  const [started] = await call(caller, "call_start", { roomId, kind: "audio" });
  if (!started.ok) throw new Error(`call_start: ${JSON.stringify(started)}`);
  const callId = started.ok.id;
  const [accepted] = await call(callee, "call_accept", { callId });
  if (!accepted.ok) throw new Error(`call_accept: ${JSON.stringify(accepted)}`);
  const deviceBefore = callee.id;

  const reconnected = once(callee, "connect");
  callee.io.engine.close(); // the network drops: the client reconnects by itself
  await reconnected;
  await new Promise((resolve) => setTimeout(resolve, grace * 2));

  const response = await fetch(`${url}/api/rooms/${roomId}/call`, { headers: { authorization: `Bearer ${callerToken}` } });
  const current = await response.json();
  const result = {
    recovered: callee.recovered, deviceBefore, deviceAfter: callee.id,
    participants: current.participants.map((p) => p.deviceId), updates: [...updates],
  };
  await call(callee, "call_leave", { callId });
  await call(caller, "call_leave", { callId });
  caller.disconnect();
  callee.disconnect();
  return result;
});
