// pdf-lib expects @pdf-lib/fontkit (a fork of fontkit 1), whose subset exposes encodeStream().
// That fork corrupts glyphs of small subsets (short loca), so we register upstream fontkit 2
// and give its subsets the one method pdf-lib calls.
import * as fontkit from 'fontkit';

type Listener = (arg?: unknown) => void;

interface Subset {
  encode(): Uint8Array;
  encodeStream?: () => unknown;
}

function streamOf(subset: Subset) {
  const listeners: Record<string, Listener[]> = {};
  const stream = {
    on(event: string, fn: Listener) {
      (listeners[event] ??= []).push(fn);
      return stream;
    },
  };
  // pdf-lib attaches data/end/error synchronously, so emit on the next microtask.
  queueMicrotask(() => {
    try {
      const bytes = subset.encode();
      for (const fn of listeners.data ?? []) fn(bytes);
      for (const fn of listeners.end ?? []) fn();
    } catch (err) {
      for (const fn of listeners.error ?? []) fn(err);
    }
  });
  return stream;
}

export const fontkitAdapter = {
  create(data: Uint8Array) {
    const font = fontkit.create(data as Buffer) as unknown as { createSubset(): Subset };
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      subset.encodeStream = () => streamOf(subset);
      return subset;
    };
    return font;
  },
};
