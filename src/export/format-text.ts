// A transcript as plain text: a title, the export's moment, then one paragraph per message
// ("[time] Speaker: text", its links indented under it).
import type {TranscriptModel} from './transcript-entries.js';

export function formatTranscriptText(model: TranscriptModel): string {
  const paragraphs = model.entries.map((entry) => {
    const undelivered = entry.undelivered === null ? '' : ` (${entry.undelivered})`;
    const head = `${entry.time === null ? '' : `[${entry.time}] `}${entry.speaker} ${entry.text}${undelivered}`;
    const links = entry.links.map((link) => `  ${link.label}${link.href === null ? '' : ` <${link.href}>`}`);
    return [head, ...links].join('\n');
  });
  return `${[`${model.title}\n${model.exportedAt}`, ...paragraphs].join('\n\n')}\n`;
}
