// A transcript as a standalone HTML document: its own small stylesheet, no script, nothing loaded
// from anywhere (its Content-Security-Policy forbids it, should a later edit try), every piece of
// text escaped, links already scheme-checked (transcript-entries.ts) and opened without a referrer.
import {escapeHtml} from './escape-html.js';
import type {TranscriptEntry, TranscriptModel} from './transcript-entries.js';

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:44em;margin:2em auto;padding:0 1em;color:#0f172a;background:#fff}' +
  'h1{font-size:1.4em;margin:0}.exported{color:#5b6b80;margin:0 0 1.5em}ol{list-style:none;padding:0}' +
  'li.message{margin:0 0 1em;padding:.6em .9em;border-radius:12px;background:#f1f5f9}' +
  '.undelivered{color:#b42318;font-size:.85em;margin:.2em 0 0}' +
  'li.user{background:#e0e7ff}li.live-agent{background:#ecfdf5}li.system{background:none;color:#5b6b80;font-style:italic}' +
  '.speaker{font-weight:600}time{color:#5b6b80;font-size:.85em;margin-inline-start:.5em}' +
  '.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2em 0 0}ul{margin:.4em 0 0;padding-inline-start:1.2em}';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

function renderLinks(entry: TranscriptEntry): string {
  if (entry.links.length === 0) return '';
  const items = entry.links.map((link) =>
    link.href === null
      ? `<li>${escapeHtml(link.label)}</li>`
      : `<li><a href="${escapeHtml(link.href)}" rel="noopener noreferrer">${escapeHtml(link.label)}</a></li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

function renderEntry(entry: TranscriptEntry): string {
  const time = entry.time === null ? '' : `<time datetime="${escapeHtml(entry.datetime ?? '')}">${escapeHtml(entry.time)}</time>`;
  return (
    `<li class="message ${entry.role}"><p class="text"><span class="speaker">${escapeHtml(entry.speaker)}</span>${time}\n` +
    `${escapeHtml(entry.text)}</p>${entry.undelivered === null ? '' : `<p class="undelivered">${escapeHtml(entry.undelivered)}</p>`}${renderLinks(entry)}</li>`
  );
}

export function formatTranscriptHtml(model: TranscriptModel): string {
  return (
    `<!doctype html>\n<html lang="${escapeHtml(model.lang)}" dir="${model.dir}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}"><meta name="referrer" content="no-referrer">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(model.title)}</title><style>${STYLE}</style></head>\n<body><h1>${escapeHtml(model.title)}</h1>` +
    `<p class="exported">${escapeHtml(model.exportedAt)}</p>\n<ol>\n${model.entries.map(renderEntry).join('\n')}\n</ol></body></html>\n`
  );
}
