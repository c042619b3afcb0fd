/**
 * The keyboard shortcuts and context-menu commands, sent by the background to
 * the tab. A passage note belongs to whichever frame holds the selection; the
 * rest is the top frame's.
 */
import { contentMessenger } from '@/lib/messages';
import { onAbort } from '@/lib/abort';
import { settingsItem, withSiteToggled } from '@/lib/settings';
import type { Highlighting } from './highlighting';
import type { Reveal } from './reveal-mention';

export function initCommands(signal: AbortSignal, deps: { highlighting: Highlighting; reveal: Reveal; addPassageNote(): void }) {
  const isTop = window === window.top;
  onAbort(
    signal,
    contentMessenger.onMessage('page:command', async ({ data }) => {
      if (data.command === 'add-passage-note') {
        if (!getSelection()?.isCollapsed) deps.addPassageNote();
        return;
      }
      if (!isTop) return;
      switch (data.command) {
        case 'toggle-highlights':
          await settingsItem.setValue(withSiteToggled(deps.highlighting.settings(), location.href, !deps.highlighting.active()));
          return;
        case 'next-highlight':
          deps.reveal(null, 1, 'keyboard');
          return;
        case 'previous-highlight':
          deps.reveal(null, -1, 'keyboard');
          return;
      }
    }),
  );
}
