// The transcript export, a chunk of its own (rarely used): loaded through the session chunk's
// `loadTranscriptExport()` when `exportTranscript()` is called or the header's download button is
// pressed, so it shares the session chunk's view helpers instead of copying them.
import {formatTranscriptHtml} from './format-html.js';
import {formatTranscriptText} from './format-text.js';
import {transcriptModel} from './transcript-entries.js';
import type {TranscriptExportInput} from './transcript-entries.js';

export type TranscriptFormat = 'text' | 'html';

export function exportTranscript(input: TranscriptExportInput, format: TranscriptFormat): string {
  const model = transcriptModel(input);
  return format === 'html' ? formatTranscriptHtml(model) : formatTranscriptText(model);
}

/** `chat-transcript-2025-05-12.html`: the local date of the export. */
export function transcriptFileName(now: number, format: TranscriptFormat): string {
  const date = new Date(now);
  const two = (value: number): string => String(value).padStart(2, '0');
  return `chat-transcript-${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}.${format === 'html' ? 'html' : 'txt'}`;
}

/** Saves `content` as a file through a temporary `<a download>` (the browser's own download). */
export function downloadFile(owner: Document, content: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], {type}));
  const link = owner.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.click();
  // Not at once: WebKit (and older Firefox) read the blob after the click returned, and a revoked
  // URL cancels the download there. A minute is long for a save dialog's read; the memory is small.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
