/**
 * HTML escaping for text content and double-quoted attribute values. Every string that comes from the
 * report model passes through `escapeHtml` before it reaches the document, so a document text such as
 * `<script>alert(1)</script>` renders as inert text.
 */

const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape `& < > " '` (safe in text content and in quoted attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => replacements[char] ?? char);
}
