// Saves data as a file through the browser's download, then frees the object URL.
export function downloadFile(data: BlobPart, type: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([data], { type }));
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}
