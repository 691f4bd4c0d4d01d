// Three people in a group: the owner creates it, promotes an admin who renames it, a member
// finds the admin controls absent and the server refusing them, members are removed, added,
// leave, and the owner deletes the group.
// Usage: node e2e/group.mjs <baseUrl>   (SCREENSHOT_DIR / DOCS_SCREENSHOT_DIR save screenshots)
import { apiAs, browserTest, dismissNotificationOffer, eventually, message, register, send, startDirect, uniqueName } from './lib.mjs';

async function openDetails(page) {
  const panel = page.getByRole('complementary', { name: 'Room details' });
  if (!(await panel.isVisible().catch(() => false))) await page.getByRole('button', { name: 'Room details' }).click();
  await panel.waitFor();
  return panel;
}

/** The header and the details panel both say `count` members. */
async function expectMemberCount(t, page, panel, count) {
  const header = await page.getByTestId('room-title').locator('xpath=..').textContent();
  const details = await panel.textContent();
  if (!header.includes(`${count} members`) || !details.includes(`Group · ${count} members`)) {
    t.fail(`expected ${count} members; the header says "${header}", the details "${details.slice(0, 80)}…"`);
  }
}

function memberRow(panel, name) {
  return panel.getByTestId('member').filter({ hasText: name });
}

browserTest('group', async (t) => {
  const alice = { username: uniqueName(t, 'alice'), displayName: 'Alice Martin' };
  const bob = { username: uniqueName(t, 'bob'), displayName: 'Bob Chen' };
  const carol = { username: uniqueName(t, 'carol'), displayName: 'Carol Diaz' };
  const a = await t.newUser();
  const b = await t.newUser();
  const c = await t.newUser();

  t.step('three people register');
  await register(t, a.page, alice);
  await register(t, b.page, bob);
  await register(t, c.page, carol);

  t.step('Alice creates "Launch crew" with Bob and Carol');
  await a.page.getByRole('button', { name: 'New group' }).first().click();
  const dialog = a.page.getByRole('dialog', { name: 'New group' });
  await dialog.getByLabel('Group name').fill('Launch crew');
  await dialog.getByLabel('Description').fill('Everything about the v2 launch');
  for (const [query, user] of [['Bob C', bob], ['Carol D', carol]]) {
    await dialog.getByLabel('Add people').fill(query);
    await dialog.getByRole('button', { name: `${user.displayName} @${user.username}` }).click();
  }
  await dialog.getByRole('button', { name: 'Create group' }).click();
  await a.page.getByTestId('room-title').filter({ hasText: 'Launch crew' }).waitFor();
  const roomId = Number(new URL(a.page.url()).pathname.split('/')[2]);

  t.step('Bob and Carol see the group appear live and open it');
  for (const p of [b.page, c.page]) {
    await p.getByRole('link', { name: /^Launch crew, \d+ unread/ }).click();
    await p.getByTestId('system-message').filter({ hasText: 'Alice Martin created the room' }).waitFor();
  }

  t.step('everyone talks; Carol sees two people typing');
  await a.page.getByTestId('composer').pressSequentially('Good', { delay: 20 });
  await b.page.getByTestId('composer').pressSequentially('Morning', { delay: 20 });
  await c.page.getByTestId('typing').filter({ hasText: 'Alice Martin and Bob Chen are typing…' }).waitFor();
  // The room list names the typists as the conversation does: by display name.
  await c.page.getByRole('link', { name: /^Launch crew/ }).getByText('Alice Martin and Bob Chen are typing…').waitFor();
  await b.page.getByTestId('composer').fill('');
  await send(b.page, 'Morning all! Build **#482** is green ✅');
  await a.page.getByTestId('composer').fill('');
  await message(a.page, 'Morning all! Build #482 is green ✅');
  await send(c.page, 'Nice. I’ll update the changelog and the screenshots.');
  await message(a.page, 'Nice. I’ll update the changelog and the screenshots.');
  await send(a.page, `Great work 🎉 @${bob.username} can you tag the release after lunch?`);
  const mention = await message(b.page, `Great work 🎉 @${bob.username} can you tag the release after lunch?`);
  await mention.locator('.mention-me').waitFor();
  const build = await message(c.page, 'Morning all! Build #482 is green ✅');
  await build.hover();
  await build.getByRole('button', { name: 'Add reaction' }).click();
  await c.page.getByRole('button', { name: 'React with heart', exact: true }).click();
  const ask = await message(b.page, `Great work 🎉 @${bob.username} can you tag the release after lunch?`);
  await ask.hover();
  await ask.getByRole('button', { name: 'Reply', exact: true }).click();
  await send(b.page, 'On it — tagging `v2.0.0` at 2pm 🚀');
  await message(a.page, 'On it — tagging v2.0.0 at 2pm 🚀');
  await send(c.page, 'Changelog draft is ready for review:\n- New onboarding flow\n- Search across all rooms\n- Dark mode 🌙');
  const changelog = await message(a.page, /^Changelog draft is ready for review/);
  await changelog.hover();
  await changelog.getByRole('button', { name: 'Add reaction' }).click();
  await a.page.getByRole('button', { name: 'React with fire', exact: true }).click();
  await (await message(a.page, 'Morning all! Build #482 is green ✅')).locator('[data-emoji="❤️"]').waitFor();
  await c.page.getByTestId('seen-by').filter({ hasText: 'Seen by Alice Martin and Bob Chen' }).waitFor();

  t.step('Alice makes Bob an admin; Carol sees the badge');
  const aPanel = await openDetails(a.page);
  await memberRow(aPanel, bob.displayName).getByRole('button', { name: `Manage ${bob.displayName}` }).click();
  await a.page.getByRole('menuitem', { name: 'Make admin' }).click();
  await memberRow(aPanel, bob.displayName).getByTestId('member-role').filter({ hasText: 'Admin' }).waitFor();
  const cPanel = await openDetails(c.page);
  await memberRow(cPanel, bob.displayName).getByTestId('member-role').filter({ hasText: 'Admin' }).waitFor();
  await c.page.getByTestId('system-message').filter({ hasText: 'Alice Martin made Bob Chen an admin' }).waitFor();

  t.step('Bob and Carol also write to Alice directly');
  await startDirect(c.page, 'Alice M', alice);
  await send(c.page, 'Got a sec? Quick question about the changelog 🙏');
  await startDirect(b.page, 'Alice M', alice);
  await send(b.page, 'Lunch at 12:30? 🍜');
  await a.page.getByRole('link', { name: /^Bob Chen, 1 unread/ }).waitFor();
  await a.page.getByRole('link', { name: /^Carol Diaz, 1 unread/ }).waitFor();
  await b.page.getByRole('link', { name: /^Launch crew/ }).click();
  await c.page.getByRole('link', { name: /^Launch crew/ }).click();

  t.step('the desktop screenshot: a lively group with its details');
  await dismissNotificationOffer(a.page);
  await (await openDetails(a.page)).getByTestId('member').filter({ hasText: carol.displayName }).locator('[data-presence="online"]').waitFor();
  await a.page.getByTestId('toast').first().waitFor({ state: 'detached' });
  await a.page.mouse.move(640, 790);
  await t.docsShot(a.page, 'desktop');
  await a.page.emulateMedia({ colorScheme: 'dark' });
  await t.docsShot(a.page, 'desktop-dark');
  await a.page.emulateMedia({ colorScheme: 'light' });

  t.step('Bob, now an admin, renames the group; everyone sees the new name');
  const bPanel = await openDetails(b.page);
  await bPanel.getByRole('button', { name: 'Edit name and description' }).click();
  const edit = b.page.getByRole('dialog', { name: 'Edit group' });
  await edit.getByLabel('Group name').fill('Launch crew 🚀');
  await edit.getByLabel('Description').fill('Ship v2 on Thursday');
  await edit.getByRole('button', { name: 'Save' }).click();
  for (const p of [a.page, c.page]) {
    await p.getByTestId('room-title').filter({ hasText: 'Launch crew 🚀' }).waitFor();
    await p.getByTestId('details-description').filter({ hasText: 'Ship v2 on Thursday' }).waitFor();
  }
  if (await bPanel.getByRole('button', { name: 'Delete group' }).isVisible()) t.fail('an admin is offered "Delete group"');

  t.step('Carol, a member, has no admin controls');
  for (const [control, name] of [
    ['button', 'Add people'],
    ['button', 'Edit name and description'],
    ['button', 'Delete group'],
    ['button', `Manage ${bob.displayName}`],
    ['button', `Manage ${alice.displayName}`],
  ]) {
    if ((await cPanel.getByRole(control, { name }).count()) > 0) t.fail(`a member is offered "${name}"`);
  }
  await cPanel.getByRole('button', { name: 'Leave group' }).waitFor();

  t.step('and the server refuses them anyway: Carol cannot rename, Bob cannot delete');
  const rename = await apiAs(c.page, 'PATCH', `/api/rooms/${roomId}`, { name: 'Carol was here' });
  if (rename.status !== 403 || rename.body?.error?.code !== 'forbidden') t.fail(`a member's rename answered ${JSON.stringify(rename)}`);
  const remove = await apiAs(b.page, 'DELETE', `/api/rooms/${roomId}`);
  if (remove.status !== 403) t.fail(`an admin's delete answered ${JSON.stringify(remove)}`);
  await a.page.getByTestId('room-title').filter({ hasText: 'Launch crew 🚀' }).waitFor();

  t.step('Alice removes Carol: the group disappears from Carol’s list');
  await memberRow(aPanel, carol.displayName).getByRole('button', { name: `Manage ${carol.displayName}` }).click();
  await a.page.getByRole('menuitem', { name: 'Remove from group' }).click();
  await memberRow(aPanel, carol.displayName).waitFor({ state: 'detached' });
  await c.page.getByText('This conversation isn’t available').waitFor();
  // Both the answer to Alice's request (its toast) and the socket's event (the notice follows it)
  // are in: the removal is counted once.
  await a.page.getByTestId('toast').filter({ hasText: 'Carol Diaz was removed' }).waitFor();
  await a.page.getByTestId('system-message').filter({ hasText: 'Alice Martin removed Carol Diaz' }).waitFor();
  await expectMemberCount(t, a.page, aPanel, 2);
  await eventually(t, 'the group leaves Carol’s list', async () => (await c.page.getByRole('link', { name: /Launch crew/ }).count()) === 0);

  t.step('Alice adds Carol back; the group returns to her list');
  await aPanel.getByRole('button', { name: 'Add people' }).click();
  const add = a.page.getByRole('dialog', { name: /Add people/ });
  await add.getByLabel('Find people').fill('Carol D');
  await add.getByRole('button', { name: `${carol.displayName} @${carol.username}` }).click();
  await add.getByRole('button', { name: /^Add 1/ }).click();
  await memberRow(aPanel, carol.displayName).waitFor();
  await a.page.getByTestId('system-message').filter({ hasText: 'Alice Martin added Carol Diaz' }).waitFor();
  await add.waitFor({ state: 'detached' });
  await expectMemberCount(t, a.page, aPanel, 3);
  await c.page.getByRole('link', { name: /Launch crew/ }).waitFor();

  t.step('Alice demotes Bob');
  await memberRow(aPanel, bob.displayName).getByRole('button', { name: `Manage ${bob.displayName}` }).click();
  await a.page.getByRole('menuitem', { name: 'Remove as admin' }).click();
  await eventually(t, 'Bob is a member again', async () => (await memberRow(aPanel, bob.displayName).getByTestId('member-role').count()) === 0);

  t.step('Bob leaves; Alice sees it');
  await b.page.getByRole('button', { name: 'Leave group' }).click();
  await b.page.getByRole('dialog', { name: /Leave/ }).getByRole('button', { name: 'Leave' }).click();
  await eventually(t, 'the group leaves Bob’s list', async () => (await b.page.getByRole('link', { name: /Launch crew/ }).count()) === 0);
  await a.page.getByTestId('system-message').filter({ hasText: 'Bob Chen left' }).waitFor();
  await memberRow(aPanel, bob.displayName).waitFor({ state: 'detached' });

  t.step('Alice deletes the group; it is gone for Carol');
  await aPanel.getByRole('button', { name: 'Delete group' }).click();
  await a.page.getByRole('dialog', { name: /Delete/ }).getByRole('button', { name: 'Delete' }).click();
  await a.page.waitForURL((url) => url.pathname === '/');
  await eventually(t, 'the group leaves Carol’s list', async () => (await c.page.getByRole('link', { name: /Launch crew/ }).count()) === 0);
});
