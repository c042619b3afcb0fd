/** Downloads of files made in the dashboard: note exports and concept packs. */
import { askBackground } from '@/lib/ask-background';

export function download(fileName: string, mimeType: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the export; returns how many damaged records it left out. */
export async function exportNotes(format: 'json' | 'markdown' | 'jsonld'): Promise<number> {
  const file = await askBackground('notes:export', { format });
  download(file.fileName, file.mimeType, file.text);
  return file.skipped;
}
