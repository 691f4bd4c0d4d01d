// A conversation with 10,000 messages stays light: only what is on screen is rendered, older
// history loads while scrolling up without jumps or duplicates, "jump to latest" comes back,
// a link to an old message opens around it, highlighted, and search finds and opens one.
// The server must allow the seeding rate (messages-per-minute / message-burst).
// Usage: node e2e/history.mjs <baseUrl>
import { io } from 'socket.io-client';
import { PASSWORD, browserTest, eventually, uniqueName } from './lib.mjs';

const TOTAL = Number(process.env.HISTORY_MESSAGES || 10_000);
const MAX_RENDERED = 120;

function content(i) {
  if (i % 97 === 0) return `Message ${i}\n\n\`\`\`\nconst build = ${i};\nconsole.log(build);\n\`\`\``;
  if (i % 31 === 0) return `Message ${i} — a longer one: ${'the quick brown fox jumps over the lazy dog '.repeat(4).trim()}`;
  if (i % 7 === 0) return `Message ${i} with **bold** and a list:\n- one\n- two`;
  return `Message ${i}`;
}

async function json(baseUrl, path, { token, method = 'GET', body } = {}) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Sends every message over one socket, a window at a time, each acknowledged after commit. */
async function seed(baseUrl, token, roomId) {
  const socket = io(baseUrl, { auth: { token }, transports: ['websocket'] });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  let next = 1;
  const worker = async () => {
    while (next <= TOTAL) {
      const i = next++;
      const answer = await socket.timeout(30_000).emitWithAck('send_message', { roomId, content: content(i), clientId: `seed-${i}` });
      if (!answer.ok) throw new Error(`message ${i} refused: ${JSON.stringify(answer.error)}`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  socket.disconnect();
}

/** Seqs of the rendered messages, top to bottom. */
function renderedSeqs(page) {
  return page.getByTestId('message').evaluateAll((rows) => rows.map((row) => Number(row.dataset.seq)));
}

async function scrollBy(page, dy) {
  await page.getByTestId('message-list').evaluate((el, d) => {
    el.scrollTop += d;
  }, dy);
}

browserTest(
  'history',
  async (t) => {
    const username = uniqueName(t, 'archivist');
    t.step(`seed a room with ${TOTAL} messages`);
    const started = Date.now();
    const auth = await json(t.baseUrl, '/api/auth/register', {
      method: 'POST',
      body: { username, email: `${username}@example.com`, password: PASSWORD, displayName: 'Archie Vist' },
    });
    const room = await json(t.baseUrl, '/api/rooms', { token: auth.accessToken, method: 'POST', body: { name: 'Archive', memberIds: [] } });
    await seed(t.baseUrl, auth.accessToken, room.id);
    console.log(`history: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const lastSeq = (await json(t.baseUrl, `/api/rooms/${room.id}`, { token: auth.accessToken })).lastSeq;

    const { page } = await t.newUser();
    t.step('sign in and open the room at its latest message');
    await page.goto(new URL('/sign-in', t.baseUrl).href);
    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('link', { name: /^Archive/ }).click();
    await page.getByTestId('message').filter({ hasText: `Message ${TOTAL}` }).first().waitFor();

    t.step('only what is near the screen is rendered');
    let seqs = await renderedSeqs(page);
    console.log(`history: ${seqs.length} of ${TOTAL} messages are in the page`);
    if (seqs.length > MAX_RENDERED) t.fail(`${seqs.length} messages are rendered at once`);
    if (seqs.at(-1) !== lastSeq) t.fail(`the last rendered message is ${seqs.at(-1)}, not ${lastSeq}`);

    t.step('scrolling up loads older history in order, without duplicates, and stays light');
    let lowest = seqs[0];
    for (let round = 0; round < 8; round += 1) {
      await page.getByTestId('message-list').evaluate((el) => {
        el.scrollTop = 0;
      });
      await eventually(t, 'older messages load', async () => {
        const now = await renderedSeqs(page);
        return now.length > 0 && now[0] < lowest;
      });
      seqs = await renderedSeqs(page);
      lowest = seqs[0];
      const sorted = [...seqs].sort((a, b) => a - b);
      if (JSON.stringify(sorted) !== JSON.stringify(seqs) || new Set(seqs).size !== seqs.length) t.fail(`rendered out of order or twice: ${seqs}`);
      if (seqs.length > MAX_RENDERED) t.fail(`${seqs.length} messages are rendered after loading history`);
    }
    const loaded = await page.getByTestId('message-list').evaluate((el) => el.scrollHeight);
    console.log(`history: scrolled back to message ${lowest}; list is ${loaded}px tall`);

    t.step('the reader stays put while older messages load above');
    const anchorSeq = seqs[Math.floor(seqs.length / 2)];
    const before = await page.locator(`[data-message][data-seq="${anchorSeq}"]`).boundingBox();
    await scrollBy(page, -200);
    await page.waitForTimeout(600);
    const after = await page.locator(`[data-message][data-seq="${anchorSeq}"]`).boundingBox();
    if (!before || !after || Math.abs(after.y - before.y - 200) > 4) t.fail(`the view jumped: ${before?.y} → ${after?.y}`);

    t.step('a message arriving meanwhile is counted on "Jump to latest", which brings it into view');
    await json(t.baseUrl, `/api/rooms/${room.id}/messages`, {
      token: auth.accessToken,
      method: 'POST',
      body: { content: 'Fresh news from another device', clientId: 'fresh-1' },
    });
    const jump = page.getByTestId('jump-to-latest').filter({ hasText: '1 new message' });
    await jump.waitFor();
    const jumpBox = await jump.boundingBox();
    const listBox = await page.getByTestId('message-list').boundingBox();
    if (!jumpBox || !listBox || jumpBox.y < listBox.y + listBox.height - 1) t.fail('"Jump to latest" covers the messages');
    await jump.click();
    await page.getByTestId('message').filter({ hasText: 'Fresh news from another device' }).first().waitFor();
    await eventually(t, 'the jump button goes', async () => (await page.getByTestId('jump-to-latest').count()) === 0);

    t.step('a link to an old message opens around it, highlighted, and reading on loads newer ones');
    const target = Math.floor(TOTAL / 3);
    await page.goto(new URL(`/rooms/${room.id}?around=${target}`, t.baseUrl).href);
    const highlighted = page.locator(`[data-message][data-seq="${target}"]`);
    await highlighted.waitFor();
    if (!(await highlighted.evaluate((el) => /highlight/.test(el.className)))) t.fail('the linked message is not highlighted');
    for (let round = 0; round < 6; round += 1) {
      await page.getByTestId('message-list').evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await page.waitForTimeout(300);
    }
    await eventually(t, 'newer messages load below', async () => Math.max(...(await renderedSeqs(page))) > target + 60);
    seqs = await renderedSeqs(page);
    if (new Set(seqs).size !== seqs.length) t.fail('a message is rendered twice after loading newer ones');

    t.step('search finds an old message and opens the room at it');
    const wanted = Math.floor(TOTAL / 2) + 1;
    await page.getByRole('search').getByRole('searchbox', { name: 'Search messages' }).fill(`"Message ${wanted}"`);
    await page.getByRole('search').getByRole('searchbox', { name: 'Search messages' }).press('Enter');
    const hit = page.getByTestId('search-hit').filter({ hasText: `Message ${wanted}` }).first();
    await hit.waitFor();
    await hit.locator('mark').first().waitFor();
    await hit.click();
    const found = page.getByTestId('message').filter({ has: page.getByText(`Message ${wanted}`, { exact: true }) });
    await found.waitFor();
    const leftOver = await page.getByRole('search').getByRole('searchbox', { name: 'Search messages' }).inputValue();
    if (leftOver !== '') t.fail(`the header search box still holds "${leftOver}" after leaving search`);
    if (!(await found.evaluate((el) => /highlight/.test(el.className)))) t.fail('the found message is not highlighted');
  },
  { timeoutMs: 240_000 },
);
