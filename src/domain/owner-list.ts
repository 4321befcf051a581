/** Departments and people typed once on this device and offered again: most recent first, no repeats. */
export function rememberName(list: readonly string[], value: string, max = 50): string[] {
  const v = value.trim();
  if (!v) return [...list];
  return [v, ...list.filter((x) => x !== v)].slice(0, max);
}

/** The choices offered: the device's own names first, then the standard ones not already among them. */
export function offeredNames(own: readonly string[], standard: readonly string[]): string[] {
  return [...new Set([...own, ...standard])];
}
