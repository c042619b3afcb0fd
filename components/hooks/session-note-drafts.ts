import { browser } from 'wxt/browser';
import { memoryArea, newNoteDrafts } from '@/lib/notes/new-note-drafts';

/**
 * Drafts of new notes for extension pages (the notes frame, the PDF reader): the
 * extension's session storage, shared by every card and panel, so a draft
 * outlives the frame that took it. Memory where a browser has no session area.
 */
export const sessionNoteDrafts = newNoteDrafts(browser.storage.session ?? memoryArea());
