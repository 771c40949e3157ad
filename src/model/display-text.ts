/**
 * Characters that text from feeds and pages must not carry to a terminal or a document: C0 and C1 controls (escape
 * sequences recolour, retitle or rewrite a terminal; U+009B alone starts one in xterm) and the bidirectional
 * embeddings, overrides and isolates, which can make a title display reversed over the outlet, date or id after it
 * ("Trojan Source"). Line feeds and tabs are kept; the marks RTL text needs (U+200E, U+200F, U+061C) are too.
 */
const UNSAFE_FOR_DISPLAY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters above. */
export function withoutDisplayControls(text: string): string {
  return text.replace(UNSAFE_FOR_DISPLAY, '');
}
