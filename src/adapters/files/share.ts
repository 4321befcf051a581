// Sharing a file through the system share sheet (企业微信, 微信, 钉钉, email) where the browser
// can share files; callers fall back to a download elsewhere.
export function canShareFile(file: File): boolean {
  return typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] });
}

/** Must run in a user gesture (a tap). Resolves false when the user cancelled. */
export async function shareFile(file: File, title: string): Promise<boolean> {
  try {
    await navigator.share({ files: [file], title });
    return true;
  } catch (err) {
    if ((err as Error).name === 'AbortError') return false;
    throw err;
  }
}
