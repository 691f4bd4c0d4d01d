// Through nginx (the shipped config, TLS) in front of several nodes: two people, each browser
// placed on a node by nginx's cookie, chat live, and a reload keeps the conversation.
// Usage: node e2e/cluster.mjs <https baseUrl of the proxy>   (the proxy's certificate may be self-signed)
import { browserTest, DESKTOP, message, register, send, startDirect, uniqueName } from './lib.mjs';

browserTest('cluster', async (t) => {
  const viaProxy = { ...DESKTOP, ignoreHTTPSErrors: true };
  const ada = { username: uniqueName(t, 'ada'), displayName: 'Ada Byron' };
  const lin = { username: uniqueName(t, 'lin'), displayName: 'Lin Park' };
  const a = await t.newUser(viaProxy);
  const b = await t.newUser(viaProxy);

  t.step('Ada and Lin register through the proxy');
  await register(t, a.page, ada);
  await register(t, b.page, lin);

  t.step('each browser holds the sticky cookie the proxy handed it');
  for (const [who, user] of [['Ada', a], ['Lin', b]]) {
    const cookies = await user.context.cookies();
    if (!cookies.some((c) => c.name === 'parley_node' && c.secure && c.httpOnly)) {
      t.fail(`${who}'s browser has no secure parley_node cookie: ${JSON.stringify(cookies.map((c) => c.name))}`);
    }
  }

  t.step('Ada writes to Lin; Lin sees it live and answers');
  await startDirect(a.page, 'Lin P', lin);
  await send(a.page, 'Hello across the nodes');
  const room = b.page.getByRole('link', { name: /Ada Byron, 1 unread/ });
  await room.waitFor();
  await room.click();
  await message(b.page, 'Hello across the nodes');
  await send(b.page, 'Heard you loud and clear');
  await message(a.page, 'Heard you loud and clear');

  t.step('Lin types and Ada sees it');
  await b.page.getByTestId('composer').pressSequentially('One more', { delay: 30 });
  await a.page.getByTestId('typing').filter({ hasText: 'Lin Park is typing…' }).waitFor();
  await send(b.page, 'One more thing');
  await message(a.page, 'One more thing');

  t.step('Ada reloads: signed in still, the conversation is all there, and live again');
  await a.page.reload();
  await message(a.page, 'Hello across the nodes');
  await message(a.page, 'One more thing');
  await send(b.page, 'After your reload');
  await message(a.page, 'After your reload');
}, { chromiumArgs: ['--ignore-certificate-errors'] }); // the service worker's fetch too: the proxy's certificate is self-signed
