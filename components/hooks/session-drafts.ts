import { browser } from 'wxt/browser';
import { draftStore, memoryArea } from '@/lib/notes/drafts';

/**
 * Drafts for extension pages (the notes frame, the PDF reader): the
 * extension's session storage, shared by every card and panel, so a draft
 * outlives the frame that took it. Memory where a browser has no session area.
 */
export const sessionDrafts = draftStore(browser.storage.session ?? memoryArea());
