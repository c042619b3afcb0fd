import { describe, expect, it } from 'vitest';
import { COMMANDS, assignedKey, isPageCommand, manifestCommands, ourCommands } from './commands';

describe('commands', () => {
  it('declares each command once in the manifest, with its suggested key and localised description', () => {
    expect(manifestCommands()['add-passage-note']).toEqual({
      suggested_key: { default: 'Alt+Shift+M' },
      description: '__MSG_commandAddNote__',
    });
    expect(Object.keys(manifestCommands())).toEqual(COMMANDS.map((c) => c.name));
    expect(new Set(COMMANDS.map((c) => c.key)).size).toBe(COMMANDS.length);
  });

  it('shows the key the browser assigned, and none where it assigned none (never the suggested key)', () => {
    const assigned = [
      { name: '_execute_action', shortcut: '' },
      { name: 'toggle-highlights', shortcut: 'Ctrl+Shift+Y' },
      { name: 'add-passage-note', shortcut: '' },
    ];
    expect(assignedKey(assigned, 'toggle-highlights')).toBe('Ctrl+Shift+Y');
    expect(assignedKey(assigned, 'add-passage-note')).toBeNull();
    expect(assignedKey(assigned, 'next-highlight')).toBeNull();
    expect(ourCommands(assigned).map((c) => [c.name, c.key])).toEqual([
      ['toggle-highlights', 'Ctrl+Shift+Y'],
      ['next-highlight', null],
      ['previous-highlight', null],
      ['add-passage-note', null],
    ]);
  });

  it('recognises only its own command names', () => {
    expect(isPageCommand('next-highlight')).toBe(true);
    expect(isPageCommand('_execute_action')).toBe(false);
    expect(isPageCommand(undefined)).toBe(false);
  });
});
