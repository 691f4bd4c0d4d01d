import { describe, expect, it } from 'vitest';
import protocol from '../../../docs/protocol.md?raw';
import { CLIENT_EVENTS, SERVER_EVENTS } from './events';

/**
 * The backticked names in the first column of the table under `heading`; a cell may hold
 * several names separated by commas.
 */
function documentedEvents(heading: string): string[] {
  const lines = protocol.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  expect(start, `no "${heading}" in docs/protocol.md`).toBeGreaterThanOrEqual(0);
  const names: string[] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([^`]+)`/g)) names.push(match[1]!);
  }
  return names;
}

describe('event names', () => {
  it('lists exactly the client-to-server events of docs/protocol.md §10.1', () => {
    const documented = documentedEvents('### 10.1 Client to server');
    expect(documented.length).toBeGreaterThan(0);
    expect([...CLIENT_EVENTS].sort()).toEqual([...new Set(documented)].sort());
  });

  it('lists exactly the server-to-client events of docs/protocol.md §10.2', () => {
    const documented = documentedEvents('### 10.2 Server to client');
    expect(documented.length).toBeGreaterThan(0);
    expect([...SERVER_EVENTS].sort()).toEqual([...new Set(documented)].sort());
  });

  it('names each event once per direction', () => {
    expect(new Set(CLIENT_EVENTS).size).toBe(CLIENT_EVENTS.length);
    expect(new Set(SERVER_EVENTS).size).toBe(SERVER_EVENTS.length);
  });
});
