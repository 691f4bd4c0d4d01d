// Parley's service worker: keeps the app shell (the page, its scripts and styles, the icons) so
// the app opens without a network. It never touches the API, the socket or anything else
// dynamic: those always go to the server.
//
// The shell is read from the page itself: every /assets/ file index.html names. Pages are
// fetched from the network first (so a new version shows at once) and the shell is refreshed
// from each fresh page, dropping the files of older versions.
const CACHE = 'parley-shell-v1';
const STATIC = [
  '/manifest.webmanifest',
  '/favicon.svg',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/maskable-192.png',
  '/icons/maskable-512.png',
  '/icons/apple-touch-icon.png',
];
const NEVER = ['/api/', '/socket.io/', '/healthz', '/readyz', '/metrics'];

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"?#]+)"/g)].map((match) => match[1]);
}

async function keepShell(page) {
  const cache = await caches.open(CACHE);
  const assets = assetsOf(await page.clone().text());
  const missing = [];
  for (const path of [...STATIC, ...assets]) {
    if (!(await cache.match(path))) missing.push(path);
  }
  await cache.addAll(missing);
  await cache.put('/', page);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-cache' })
      .then((page) => (page.ok ? keepShell(page) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('parley-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NEVER.some((prefix) => url.pathname.startsWith(prefix))) return;

  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((page) => {
          const type = page.headers.get('Content-Type') || '';
          if (page.ok && type.includes('text/html')) event.waitUntil(keepShell(page.clone()).catch(() => undefined));
          return page;
        })
        .catch(() => caches.open(CACHE).then((cache) => cache.match('/')).then((page) => page || Response.error())),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(url.pathname).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok && url.pathname.startsWith('/assets/')) cache.put(url.pathname, response.clone());
              return response;
            }),
        ),
      ),
    );
  }
});

// Web Push: the server sends {roomId, seq, title, body} for a direct message or a mention while
// no tab of the app is connected, and for a reply in a thread one took part in (with its
// threadRootSeq). Shown as a notification; one per room (a newer one replaces it).
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const roomId = Number.isSafeInteger(data.roomId) ? data.roomId : null;
  const threadRootSeq = Number.isSafeInteger(data.threadRootSeq) ? data.threadRootSeq : null;
  const title = typeof data.title === 'string' && data.title ? data.title : 'Parley';
  const body = typeof data.body === 'string' ? data.body : '';
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      tag: roomId === null ? 'parley' : `room-${roomId}`,
      icon: '/icons/icon-192.png',
      data: threadRootSeq === null ? { roomId } : { roomId, threadRootSeq },
    }),
  );
});

// A click opens the room (a thread reply: its thread): in a tab of the app if one is open (focused
// and sent there), else in a new one.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const roomId = data.roomId;
  const root = data.threadRootSeq;
  let path = Number.isSafeInteger(roomId) ? `/rooms/${roomId}` : '/';
  if (Number.isSafeInteger(roomId) && Number.isSafeInteger(root)) path += `?around=${root}&thread=${root}`;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (open) return open.focus().then((client) => (client || open).navigate(path));
      return self.clients.openWindow(path);
    }),
  );
});
