/**
 * The keyboard commands, declared once: the manifest (wxt.config.ts), the
 * background that relays them and the content script that runs them all read
 * this list. Every suggested key is one Chromium assigns on install
 * (Alt+Shift+N is reserved there and comes out "not set").
 */
export const COMMANDS = [
  { name: 'toggle-highlights', key: 'Alt+Shift+H', message: 'commandToggle' },
  { name: 'next-highlight', key: 'Alt+Shift+J', message: 'commandNext' },
  { name: 'previous-highlight', key: 'Alt+Shift+K', message: 'commandPrevious' },
  { name: 'add-passage-note', key: 'Alt+Shift+M', message: 'commandAddNote' },
] as const;

export type PageCommand = (typeof COMMANDS)[number]['name'];

export function isPageCommand(name: unknown): name is PageCommand {
  return COMMANDS.some((c) => c.name === name);
}

/** The manifest's `commands` entry. */
export function manifestCommands(): Record<string, { suggested_key: { default: string }; description: string }> {
  return Object.fromEntries(COMMANDS.map((c) => [c.name, { suggested_key: { default: c.key }, description: `__MSG_${c.message}__` }]));
}

/** A command as `commands.getAll()` reports it: `shortcut` is empty when the browser did not assign one. */
export interface AssignedCommand {
  name?: string;
  description?: string;
  shortcut?: string;
}

/**
 * The key the browser really assigned to `name`, or null when none is
 * (a conflict, or the reader removed it). Never the suggested key: that one
 * may not work.
 */
export function assignedKey(assigned: readonly AssignedCommand[], name: PageCommand): string | null {
  return assigned.find((c) => c.name === name)?.shortcut || null;
}

/** Our commands in declaration order, each with its assigned key (null when not set). */
export function ourCommands(assigned: readonly AssignedCommand[]): { name: PageCommand; message: string; key: string | null }[] {
  return COMMANDS.map((c) => ({ name: c.name, message: c.message, key: assignedKey(assigned, c.name) }));
}
