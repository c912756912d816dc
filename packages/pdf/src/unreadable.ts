/**
 * Why the bytes given as a PDF could not be loaded, said for the person who gave them: an encrypted PDF (a password
 * or permissions set in a viewer) by what to do, not by pdf-lib's advice to its caller to ignore the encryption —
 * the field values would still be encrypted. (pdf-lib's EncryptedPDFError is compiled to ES5, where `instanceof` of
 * an Error subclass does not hold: it is known by its message.)
 */
export function unreadablePdf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/^Input document to `PDFDocument\.load` is encrypted\b/.test(message))
    return 'the PDF is encrypted (protected by a password or by permissions), so its fields cannot be read: save a copy without security in the program it was filled in, and give that';
  return `not a readable PDF (${message})`;
}
