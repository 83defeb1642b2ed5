// Splits a reply into streaming chunk texts whose concatenation is exactly the original text (§7:
// the client concatenates; the server's chunks carry their own spaces).

export function splitIntoChunks(text: string, wordsPerChunk = 4): string[] {
  const tokens = text.match(/\s*\S+\s*/g);
  if (!tokens) return text === '' ? [] : [text];
  const chunks: string[] = [];
  for (let i = 0; i < tokens.length; i += wordsPerChunk) {
    chunks.push(tokens.slice(i, i + wordsPerChunk).join(''));
  }
  return chunks;
}
