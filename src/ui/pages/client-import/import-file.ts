/** Reading the chosen file for the API and saving the core's report: the browser's own means, nothing of Node. */

/** The file's bytes as base64 (in slices: one call with a million arguments would overflow the stack). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** Offers the core's report as a download (an object URL, so nothing leaves the PC). */
export function saveBase64File(file: { readonly fileName: string; readonly mimeType: string; readonly contentBase64: string }): void {
  const binary = atob(file.contentBase64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
