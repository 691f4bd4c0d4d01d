// The chat server of the original Node.js specification (Express + Socket.IO + JWT), built from
// its description so the same load generator can drive it and Parley side by side.
//
// Kept from the specification: JWT middleware on the Socket.IO handshake, each socket joins its
// user's own room, `join_room` -> `joined_room`, `send_message` persisted then emitted as
// `receive_message` to the room (with the sender), `typing` / `stop_typing` to the rest of the room.
// Added so the comparison is fair and the generator sees the same protocol as Parley:
//   - SQLite (better-sqlite3, WAL, synchronous=NORMAL) in place of MongoDB, with a per-room seq;
//   - the sender's ack `{ok: message}` after the insert committed;
//   - every socket joins all rooms of its user on connect (as Parley does);
//   - a membership check on send, and `sync({rooms: {id: {seq}}})` for reconnecting clients;
//   - minimal REST: register, login (JWT), create a room.
"use strict";

const express = require("express");
const http = require("http");
const crypto = require("crypto");
const path = require("path");
const fs = require("fs");
const { Server } = require("socket.io");
const jwt = require("jsonwebtoken");
const Database = require("better-sqlite3");

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? acc.concat([[a.slice(2), all[i + 1]]]) : acc), [])
);
const PORT = Number(args.port || process.env.PORT || 3000);
const DATA_DIR = args["data-dir"] || process.env.DATA_DIR || "./data";
const JWT_SECRET = process.env.JWT_SECRET || crypto.randomBytes(32).toString("hex");
const TOKEN_TTL = args["token-ttl"] || "1d";

fs.mkdirSync(DATA_DIR, { recursive: true });
const db = new Database(path.join(DATA_DIR, "chat.db"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(`
  CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT NOT NULL UNIQUE,
    password TEXT NOT NULL, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS rooms (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, created_by INTEGER NOT NULL,
    last_seq INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS members (
    room_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY (room_id, user_id)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS members_by_user ON members (user_id, room_id);
  CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY, room_id INTEGER NOT NULL, seq INTEGER NOT NULL, sender_id INTEGER NOT NULL,
    content TEXT NOT NULL, client_id TEXT, created_at INTEGER NOT NULL, UNIQUE (room_id, seq));
  CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (sender_id, client_id) WHERE client_id IS NOT NULL;
`);

const q = {
  insertUser: db.prepare("INSERT INTO users (username, email, password, created_at) VALUES (?, ?, ?, ?)"),
  userByLogin: db.prepare("SELECT * FROM users WHERE username = ? OR email = ?"),
  insertRoom: db.prepare("INSERT INTO rooms (name, created_by, created_at) VALUES (?, ?, ?)"),
  insertMember: db.prepare("INSERT OR IGNORE INTO members (room_id, user_id) VALUES (?, ?)"),
  roomsOf: db.prepare("SELECT room_id FROM members WHERE user_id = ?").pluck(),
  isMember: db.prepare("SELECT 1 FROM members WHERE room_id = ? AND user_id = ?").pluck(),
  nextSeq: db.prepare("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq").pluck(),
  lastSeq: db.prepare("SELECT last_seq FROM rooms WHERE id = ?").pluck(),
  insertMessage: db.prepare(
    "INSERT INTO messages (room_id, seq, sender_id, content, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
  byClientId: db.prepare("SELECT * FROM messages WHERE sender_id = ? AND client_id = ?"),
  after: db.prepare("SELECT * FROM messages WHERE room_id = ? AND seq > ? ORDER BY seq LIMIT 501"),
};

const storeMessage = db.transaction((roomId, sender, content, clientId) => {
  if (clientId) {
    const existing = q.byClientId.get(sender.id, clientId);
    if (existing) return { row: existing, fresh: false };
  }
  const seq = q.nextSeq.get(roomId);
  const createdAt = Date.now();
  const info = q.insertMessage.run(roomId, seq, sender.id, content, clientId || null, createdAt);
  return {
    row: { id: Number(info.lastInsertRowid), room_id: roomId, seq, sender_id: sender.id, content, client_id: clientId, created_at: createdAt },
    fresh: true,
  };
});

const toMessage = (row, sender) => ({
  id: row.id, roomId: row.room_id, seq: row.seq, kind: "text", content: row.content,
  sender: sender || { id: row.sender_id }, clientId: row.client_id || null, createdAt: row.created_at,
});

const hashPassword = (password) =>
  new Promise((resolve, reject) => {
    const salt = crypto.randomBytes(16);
    crypto.scrypt(password, salt, 32, (err, key) => (err ? reject(err) : resolve(salt.toString("hex") + ":" + key.toString("hex"))));
  });
const checkPassword = (password, stored) =>
  new Promise((resolve) => {
    const [salt, key] = stored.split(":");
    crypto.scrypt(password, Buffer.from(salt, "hex"), 32, (err, k) => resolve(!err && k.toString("hex") === key));
  });
const session = (user) => ({
  user: { id: user.id, username: user.username, email: user.email },
  accessToken: jwt.sign({ id: user.id, username: user.username }, JWT_SECRET, { expiresIn: TOKEN_TTL }),
  refreshToken: null,
});

const app = express();
const server = http.createServer(app);
const io = new Server(server, { cors: { origin: process.env.CLIENT_URL || false, methods: ["GET", "POST"] } });

app.use(express.json());
app.get("/healthz", (req, res) => res.json({ ok: true }));
app.post("/api/auth/register", async (req, res) => {
  const { username, email, password } = req.body || {};
  if (!username || !email || !password) return res.status(400).json({ error: { code: "invalid_input" } });
  try {
    const hash = await hashPassword(password);
    const info = q.insertUser.run(String(username).toLowerCase(), String(email).toLowerCase(), hash, Date.now());
    res.status(201).json(session({ id: Number(info.lastInsertRowid), username, email }));
  } catch (e) {
    res.status(409).json({ error: { code: "conflict" } });
  }
});
app.post("/api/auth/login", async (req, res) => {
  const { login, password } = req.body || {};
  const user = login && q.userByLogin.get(String(login).toLowerCase(), String(login).toLowerCase());
  if (!user || !(await checkPassword(String(password), user.password))) {
    return res.status(401).json({ error: { code: "unauthorized" } });
  }
  res.json(session(user));
});
const requireUser = (req, res, next) => {
  try {
    req.user = jwt.verify((req.headers.authorization || "").replace(/^Bearer /, ""), JWT_SECRET);
    next();
  } catch (e) {
    res.status(401).json({ error: { code: "unauthorized" } });
  }
};
app.post("/api/rooms", requireUser, (req, res) => {
  const { name, memberIds } = req.body || {};
  const create = db.transaction(() => {
    const roomId = Number(q.insertRoom.run(String(name || "room"), req.user.id, Date.now()).lastInsertRowid);
    q.insertMember.run(roomId, req.user.id);
    for (const id of memberIds || []) q.insertMember.run(roomId, Number(id));
    return roomId;
  });
  const id = create();
  for (const uid of [req.user.id, ...(memberIds || [])]) io.in(`user:${uid}`).socketsJoin(`room:${id}`);
  res.status(201).json({ id, name, lastSeq: 0 });
});

// Socket.io middleware for authentication
io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  try {
    socket.user = jwt.verify(token, JWT_SECRET);
    next();
  } catch (err) {
    next(new Error("Authentication error"));
  }
});

const ok = (ack, value) => typeof ack === "function" && ack({ ok: value === undefined ? null : value });
const fail = (ack, code) => typeof ack === "function" && ack({ error: { code } });

io.on("connection", (socket) => {
  const user = { id: socket.user.id, username: socket.user.username };
  socket.join(`user:${user.id}`);
  for (const roomId of q.roomsOf.all(user.id)) socket.join(`room:${roomId}`);

  socket.on("join_room", async (roomId, ack) => {
    if (!q.isMember.get(Number(roomId), user.id)) return fail(ack, "not_found");
    await socket.join(`room:${roomId}`);
    socket.emit("joined_room", roomId);
    ok(ack, { id: Number(roomId) });
  });

  socket.on("send_message", (data, ack) => {
    const roomId = Number(data && data.roomId);
    const content = data && typeof data.content === "string" ? data.content : "";
    if (!roomId || !content || content.length > 4000) return fail(ack, "invalid_input");
    if (!q.isMember.get(roomId, user.id)) return fail(ack, "not_found");
    let stored;
    try {
      stored = storeMessage(roomId, user, content, data.clientId ? String(data.clientId) : null);
    } catch (e) {
      return fail(ack, "unavailable");
    }
    const message = toMessage(stored.row, user);
    if (stored.fresh) io.to(`room:${roomId}`).emit("receive_message", message);
    ok(ack, message);
  });

  socket.on("typing", (roomId) => {
    socket.to(`room:${roomId}`).emit("user_typing", { userId: user.id, username: user.username, roomId });
  });
  socket.on("stop_typing", (roomId) => {
    socket.to(`room:${roomId}`).emit("user_stop_typing", user.id, roomId);
  });

  socket.on("sync", (data, ack) => {
    const rooms = [];
    const gone = [];
    for (const [key, cursor] of Object.entries((data && data.rooms) || {})) {
      const roomId = Number(key);
      if (!q.isMember.get(roomId, user.id)) {
        gone.push(roomId);
        continue;
      }
      const from = typeof cursor === "object" && cursor ? Number(cursor.seq) : Number(cursor);
      let rows = q.after.all(roomId, from);
      const truncated = rows.length > 500;
      if (truncated) rows = rows.slice(0, 500);
      rooms.push({ roomId, messages: rows.map((r) => toMessage(r)), lastSeq: q.lastSeq.get(roomId), truncated });
    }
    ok(ack, { rooms, gone });
  });
});

// Optional CPU profiling for benchmarks: SIGUSR2 starts a profile, the next SIGUSR2 writes it
// to $PROFILE_DIR/<n>.cpuprofile.
if (process.env.PROFILE_DIR) {
  const inspector = require("inspector");
  const profiler = new inspector.Session();
  profiler.connect();
  let profiling = false;
  let count = 0;
  process.on("SIGUSR2", () => {
    if (!profiling) {
      profiler.post("Profiler.enable", () => profiler.post("Profiler.start"));
      profiling = true;
    } else {
      profiler.post("Profiler.stop", (err, { profile }) => {
        if (!err) fs.writeFileSync(path.join(process.env.PROFILE_DIR, `${++count}.cpuprofile`), JSON.stringify(profile));
      });
      profiling = false;
    }
  });
}

server.listen(PORT, "127.0.0.1", () => console.log(`reference server on :${PORT} (pid ${process.pid})`));
const stop = () => {
  io.close();
  server.close(() => {
    db.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
