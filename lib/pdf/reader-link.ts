/** The reader page opened on a PDF's web address (used by the popup and the link context menu). */
import { browser } from 'wxt/browser';

export function readerUrl(pdfUrl: string): string {
  return `${browser.runtime.getURL('/reader.html')}?url=${encodeURIComponent(pdfUrl)}`;
}
