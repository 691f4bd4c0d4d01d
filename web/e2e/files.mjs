// Two people share files in a direct room: photos dropped on the conversation upload with
// progress and appear live for the other, who opens them in the viewer; a large file whose upload
// was cut off by a reload resumes where it stopped after a dropped connection; a file over the
// limit says why and offers "Retry"; the room's details list the files, search finds them, and
// the layout holds on a phone.
// Usage: node e2e/files.mjs <baseUrl>   (the server's upload-max-bytes must be below 9 MiB)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  browserTest,
  dismissNotificationOffer,
  eventually,
  expectLabelledControls,
  expectNoHorizontalOverflow,
  message,
  register,
  send,
  startDirect,
  uniqueName,
} from './lib.mjs';

const MiB = 1024 * 1024;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));

/** A real PNG of a small landscape (sky, sun, sea), so the server can read its size and make a preview. */
function png(width, height, { sky, horizon, sun, sea }) {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  const line = Math.round(height * 0.62);
  const [sx, sy, sr] = [width * 0.68, height * 0.38, Math.min(width, height) * 0.11];
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      let colour;
      if (y < line) {
        colour = Math.hypot(x - sx, y - sy) < sr ? sun : mix(sky, horizon, y / line);
      } else {
        const wave = (Math.sin(x / 9 + y * 0.9) + 1) / 2;
        colour = mix(mix(horizon, sea, Math.min(1, (y - line) / (height - line) + 0.35)), [255, 255, 255], wave * 0.12);
      }
      rows.set(colour, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Bytes that do not compress, as a file of no particular type. */
function noise(size, seed) {
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i += 1) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = x >>> 16;
  }
  return bytes;
}

/** A WAV of a two-second tone. */
function wav(seconds = 2, rate = 8000) {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) data.writeInt16LE(Math.round(Math.sin((i / rate) * 2 * Math.PI * 440) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A one-page PDF with a few coloured blocks and no fonts, its cross-reference table computed. */
function pdf() {
  const stream = '0.31 0.27 0.9 rg 40 620 515 120 re f 0.85 0.87 0.92 rg 40 120 515 460 re f 0.07 0.63 0.31 rg 60 480 200 60 re f';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Drops files on the conversation the way a desktop does: a DataTransfer in dragenter, dragover and drop. */
async function dropFiles(page, files) {
  const payload = files.map((f) => ({ name: f.name, type: f.type, data: f.data.toString('base64') }));
  await page.getByRole('region', { name: /^Conversation:/ }).evaluate((target, list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, payload);
}

/** Holds the matching requests until released: to see progress, or to cut an upload short. */
function gate() {
  let open;
  const opened = new Promise((resolve) => (open = resolve));
  return { opened, open: () => open() };
}

async function loadedImages(locator) {
  return locator.evaluateAll((images) => images.filter((img) => img.complete && img.naturalWidth > 0).length);
}

browserTest('files', async (t) => {
  const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const a = await t.newUser();
  const b = await t.newUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-files-'));
  const photos = [
    { name: 'harbour.png', type: 'image/png', data: png(640, 400, { sky: [70, 130, 210], horizon: [190, 220, 240], sun: [255, 236, 150], sea: [20, 70, 120] }) },
    { name: 'market.png', type: 'image/png', data: png(300, 420, { sky: [90, 60, 140], horizon: [250, 160, 90], sun: [255, 210, 120], sea: [60, 40, 80] }) },
    { name: 'ferry.png', type: 'image/png', data: png(500, 500, { sky: [120, 180, 230], horizon: [230, 240, 250], sun: [255, 250, 220], sea: [30, 110, 130] }) },
  ];

  t.step('Alice and Bob register; Alice writes to Bob');
  await register(t, a.page, alice);
  await register(t, b.page, bob);
  await startDirect(a.page, 'Bob Ch', bob);
  await send(a.page, 'Photos from the trip coming up');
  await b.page.getByRole('link', { name: /Alice Martin, 1 unread/ }).click();
  await message(b.page, 'Photos from the trip coming up');

  t.step('Alice drops three photos on the conversation; each shows a chip with its progress');
  const held = gate();
  await a.page.route('**/api/uploads/**', async (route) => {
    if (route.request().method() === 'PATCH') await held.opened;
    await route.continue().catch(() => undefined);
  });
  await dropFiles(a.page, photos);
  const chips = a.page.getByRole('list', { name: 'Files to send' }).getByTestId('upload-chip');
  await eventually(t, 'three chips are shown', async () => (await chips.count()) === 3);
  for (const photo of photos) await chips.filter({ hasText: photo.name }).locator('img').waitFor();
  for (const photo of photos) await a.page.getByRole('progressbar', { name: `Uploading ${photo.name}` }).waitFor();
  await a.page.getByRole('button', { name: `Remove ${photos[1].name}` }).waitFor();

  t.step('Alice writes a caption and sends; the message goes once every upload is done');
  await a.page.getByTestId('composer').fill('Harbour, market and the ferry');
  await a.page.getByTestId('composer').press('Enter');
  await a.page.getByRole('status').filter({ hasText: 'Sending when the files are uploaded' }).waitFor();
  held.open();
  await a.page.unroute('**/api/uploads/**', { behavior: 'wait' });
  await eventually(t, 'the chips are gone once the message is sent', async () => (await chips.count()) === 0);
  const sent = await message(a.page, 'Harbour, market and the ferry');
  await eventually(t, "Alice's message shows its three photos", async () => (await loadedImages(sent.locator('img'))) === 3);

  t.step('Bob sees the photos live, their space reserved before they load');
  const received = await message(b.page, 'Harbour, market and the ferry');
  const tiles = received.getByTestId('image-tile');
  await eventually(t, 'three image tiles', async () => (await tiles.count()) === 3);
  const boxes = await tiles.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.width, r.height]));
  if (boxes.some(([w, h]) => w < 50 || h < 50)) t.fail(`image tiles are ${JSON.stringify(boxes)} before loading`);
  await eventually(t, "Bob's three photos load through signed links", async () => (await loadedImages(received.locator('img'))) === 3);
  const src = await received.locator('img').first().getAttribute('src');
  if (!/sig=/.test(src ?? '')) t.fail(`a photo loads from ${src}, not from a signed link`);
  await eventually(
    t,
    'the previews made after sending replace the full images',
    async () => {
      const shown = await tiles.evaluateAll((els) => els.map((el) => `${el.dataset.preview} ${el.querySelector('img')?.src.split('?')[0]}`));
      return shown.every((tile) => tile.startsWith('ready') && tile.includes('/thumbnail')) || shown;
    },
    30_000,
  );
  await dismissNotificationOffer(b.page);
  await t.docsShot(b.page, 'files');

  t.step('Bob opens the viewer: Next, Previous, and Escape closes it');
  await tiles.first().click();
  const viewer = b.page.getByRole('dialog', { name: /Image 1 of 3/ });
  await viewer.waitFor();
  await eventually(t, 'the full-size photo loads', async () =>
    viewer.getByTestId('viewer-image').evaluate((img) => img.complete && img.naturalWidth === 640),
  );
  const download = viewer.getByRole('link', { name: 'Download' });
  if ((await download.getAttribute('download')) !== photos[0].name) t.fail('"Download" does not save under the file name');
  await viewer.getByRole('button', { name: 'Next' }).click();
  await b.page.getByRole('dialog', { name: `Image 2 of 3: ${photos[1].name}` }).waitFor();
  await b.page.getByRole('button', { name: 'Next' }).click();
  await b.page.getByRole('dialog', { name: `Image 3 of 3: ${photos[2].name}` }).waitFor();
  if (!(await b.page.getByRole('button', { name: 'Next' }).isDisabled())) t.fail('"Next" is enabled on the last photo');
  await b.page.getByRole('button', { name: 'Previous' }).click();
  await b.page.getByRole('dialog', { name: `Image 2 of 3: ${photos[1].name}` }).waitFor();
  await b.page.keyboard.press('Escape');
  await eventually(t, 'Escape closes the viewer', async () => (await b.page.getByTestId('image-viewer').count()) === 0);

  t.step('Alice picks a large file; a reload cuts the upload after its first chunk');
  const bigPath = path.join(dir, 'survey-data.bin');
  writeFileSync(bigPath, noise(5 * MiB, 7));
  const firstChunk = gate();
  let chunkCount = 0;
  await a.page.route('**/api/uploads/**', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    chunkCount += 1;
    if (chunkCount === 1) {
      await route.continue();
      return;
    }
    firstChunk.open();
    // The second chunk never gets through: the page reloads under it.
    await new Promise(() => undefined);
  });
  await a.page.getByTestId('file-input').setInputFiles(bigPath);
  await a.page.getByRole('progressbar', { name: 'Uploading survey-data.bin' }).waitFor();
  await firstChunk.opened;
  t.expectFailedRequests(a.page, 15_000);
  await a.page.reload();
  await a.page.unroute('**/api/uploads/**');
  await a.page.getByTestId('room-title').filter({ hasText: bob.displayName }).waitFor();
  await a.page.getByRole('list', { name: 'Unfinished uploads' }).getByText('survey-data.bin').waitFor();

  t.step('Picking the same file again offers to resume it; it goes on from where it stopped, through a dropped connection');
  const offsets = [];
  let cut = false;
  await a.page.route('**/api/uploads/**', async (route) => {
    const request = route.request();
    if (request.method() === 'PATCH') {
      offsets.push(Number(await request.headerValue('upload-offset')));
      if (!cut) {
        cut = true;
        t.expectFailedRequests(a.page, 15_000);
        return route.abort('connectionreset');
      }
    }
    return route.continue();
  });
  await a.page.getByTestId('file-input').setInputFiles(bigPath);
  await a.page.getByRole('button', { name: 'Resume upload of survey-data.bin' }).click();
  if (await a.page.getByRole('list', { name: 'Unfinished uploads' }).count()) t.fail('the resumed upload is still listed as unfinished');
  const bigChip = a.page.getByTestId('upload-chip').filter({ hasText: 'survey-data.bin' });
  await eventually(t, 'the resumed upload finishes', async () => (await bigChip.getAttribute('data-status')) === 'done', 30_000);
  if (!(offsets[0] > 0)) t.fail(`the resumed upload started at offset ${offsets[0]}, not after the stored chunk`);
  if (offsets.length < 2) t.fail('the cut request was not tried again');
  await a.page.unroute('**/api/uploads/**');
  await send(a.page, 'The survey data');
  await message(a.page, 'The survey data');
  const card = (await message(b.page, 'The survey data')).getByTestId('attachment-file');
  await card.filter({ hasText: 'survey-data.bin' }).filter({ hasText: '5 MB' }).waitFor();
  await card.getByRole('link', { name: 'Download survey-data.bin' }).waitFor();

  t.step('A file over the size limit says why and offers "Retry"');
  const hugePath = path.join(dir, 'too-big.bin');
  writeFileSync(hugePath, noise(9 * MiB, 3));
  t.expectFailedRequests(a.page, 10_000);
  await a.page.getByTestId('file-input').setInputFiles(hugePath);
  const hugeChip = a.page.getByTestId('upload-chip').filter({ hasText: 'too-big.bin' });
  await hugeChip.getByRole('alert').filter({ hasText: 'This file is too large to share.' }).waitFor();
  await hugeChip.getByRole('button', { name: 'Retry' }).waitFor();
  await a.page.getByRole('button', { name: 'Remove too-big.bin' }).click();
  await eventually(t, 'the refused file is removed', async () => (await hugeChip.count()) === 0);

  t.step("Bob's room details list the files, newest first");
  const detailsButton = b.page.getByRole('button', { name: 'Room details' });
  if ((await detailsButton.getAttribute('aria-pressed')) !== 'true') await detailsButton.click();
  const listed = b.page.getByTestId('room-files').getByRole('listitem');
  await eventually(t, 'four files are listed', async () => (await listed.count()) === 4);
  const names = await listed.evaluateAll((items) => items.map((li) => li.textContent ?? ''));
  if (!names[0]?.includes('survey-data.bin')) t.fail(`the newest file is not first: ${names.join(' | ')}`);
  await listed.first().getByText('Alice Martin', { exact: false }).waitFor();
  await b.page.getByRole('link', { name: `Download ${photos[2].name}` }).waitFor();
  await b.page.getByRole('button', { name: 'Close details' }).click();

  t.step('Search: has:image finds the photos and shows their names');
  const searchbox = b.page.getByRole('search').getByRole('searchbox', { name: 'Search messages' });
  await searchbox.fill('has:image');
  await searchbox.press('Enter');
  const hit = b.page.getByTestId('search-hit').first();
  await hit.getByTestId('search-hit-files').filter({ hasText: photos[0].name }).waitFor();
  await searchbox.fill('has:file survey');
  await searchbox.press('Enter');
  await b.page.getByTestId('search-hit').getByTestId('search-hit-files').filter({ hasText: 'survey-data.bin' }).waitFor();
  await expectLabelledControls(t, b.page, 'search results with files');

  t.step('Alice sends a recording and a PDF: Bob gets a player that seeks, and the first page');
  await dropFiles(a.page, [
    { name: 'tone.wav', type: 'audio/wav', data: wav() },
    { name: 'plan.pdf', type: 'application/pdf', data: pdf() },
  ]);
  await eventually(t, 'the recording and the PDF are uploaded', async () =>
    (await a.page.getByTestId('upload-chip').evaluateAll((els) => els.length === 2 && els.every((el) => el.dataset.status === 'done'))),
  );
  await send(a.page, 'The recording and the plan');
  await b.page.getByRole('complementary', { name: 'Conversations' }).getByRole('link', { name: /Alice Martin/ }).click();
  const media = await message(b.page, 'The recording and the plan');
  const audio = media.getByTestId('attachment-audio');
  await eventually(t, 'the recording loads its length', async () => audio.evaluate((el) => el.readyState >= 1 && Math.round(el.duration) === 2));
  await audio.evaluate((el) => {
    el.currentTime = 1.5;
  });
  await eventually(t, 'the player seeks through a range request', async () =>
    audio.evaluate((el) => !el.seeking && el.currentTime > 1.4 && el.error === null),
  );
  const plan = media.getByTestId('attachment-pdf');
  await plan.getByRole('link', { name: 'Open plan.pdf' }).waitFor();
  await eventually(t, 'the PDF shows its first page', async () => plan.locator('img').evaluate((img) => img.complete && img.naturalWidth > 0), 30_000);

  t.step('On a phone: the grid wraps, the viewer fills the screen, chips scroll sideways');
  await b.page.setViewportSize({ width: 390, height: 844 });
  await b.page.goto(new URL('/', t.baseUrl).href);
  await b.page.getByRole('link', { name: /Alice Martin/ }).first().click();
  const onPhone = await message(b.page, 'Harbour, market and the ferry');
  await onPhone.getByTestId('image-tile').first().scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(t, b.page, 'a conversation with photos on a phone');
  await onPhone.getByTestId('image-tile').first().click();
  const phoneViewer = b.page.getByTestId('image-viewer');
  await phoneViewer.waitFor();
  const box = await phoneViewer.boundingBox();
  if (!box || box.width < 389 || box.height < 843) t.fail(`the viewer is ${box?.width}×${box?.height} on a 390×844 screen`);
  await b.page.keyboard.press('Escape');
  await eventually(t, 'the viewer closes', async () => (await phoneViewer.count()) === 0);
  await dropFiles(b.page, [...photos, { name: 'notes.txt', type: 'text/plain', data: Buffer.from('notes') }]);
  const row = b.page.getByRole('list', { name: 'Files to send' });
  await eventually(t, 'four chips', async () => (await row.getByTestId('upload-chip').count()) === 4);
  const scrolls = await row.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === 'auto');
  if (!scrolls) t.fail('the chips do not scroll sideways on a phone');
  await expectNoHorizontalOverflow(t, b.page, 'the composer with four files on a phone');
  await eventually(t, 'the phone uploads finish', async () =>
    (await row.getByTestId('upload-chip').evaluateAll((els) => els.every((el) => el.dataset.status === 'done'))),
  );
  await b.page.getByRole('button', { name: 'Send message' }).click();
  const fromPhone = b.page.getByTestId('message').filter({ has: b.page.getByTestId('attachment-file').filter({ hasText: 'notes.txt' }) });
  await fromPhone.first().waitFor();
  await expectNoHorizontalOverflow(t, b.page, 'a sent message with four files on a phone');
  await t.shot(b.page, 'phone-files');
});
