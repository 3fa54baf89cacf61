/**
 * A problem with the input file; the message is one line and names the file. Line breaks and
 * other control characters that a file put into it (a chat type, an id) are written escaped,
 * so that the message stays one line whatever the file holds.
 */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(oneLine(message), options);
    this.name = 'InputError';
  }
}

function oneLine(s: string): string {
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
