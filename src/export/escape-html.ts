// Escapes text for HTML text and (quoted) attribute values: the transcript file is built as a
// string, so every character that could start markup or end an attribute is replaced.
const ENTITIES: Readonly<Record<string, string>> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}
