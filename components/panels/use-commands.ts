import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { assignedKey, type AssignedCommand, type PageCommand } from '@/lib/commands';
import { t } from '@/lib/i18n';

/** The commands with the keys the browser really assigned (`commands.getAll()`); [] until it answers. */
export function useAssignedCommands(): AssignedCommand[] {
  const [commands, setCommands] = useState<AssignedCommand[]>([]);
  useEffect(() => {
    void browser.commands.getAll().then(setCommands, () => setCommands([]));
  }, []);
  return commands;
}

/**
 * A hint that names the key of `command` only when one is assigned:
 * `withKey` takes the key as $1, `withoutKey` is used when none is set.
 */
export function useShortcutHint(command: PageCommand, withKey: string, withoutKey: string): string {
  const key = assignedKey(useAssignedCommands(), command);
  return key ? t(withKey, key) : t(withoutKey);
}
