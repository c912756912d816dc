/** Hands bytes to the browser as a download; the object URL is released once the download has started. */
export function download(bytes: Uint8Array | Blob, fileName: string, type: string): void {
  const blob = bytes instanceof Blob ? bytes : new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A size in KiB with one decimal. */
export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);
