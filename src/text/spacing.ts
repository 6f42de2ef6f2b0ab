/**
 * Text with its spacing made uniform (NFC, every run of whitespace one space, no space at either
 * end), for comparing sentences and quotations as written: outlets differ in spacing and line
 * breaks, not in words. Letters, case and punctuation stay as they are.
 */
export function collapseSpacing(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
