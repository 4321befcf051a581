// fontkit 2 ships no type declarations; we use only create().
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
