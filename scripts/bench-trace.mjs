// CPU time of the page's main thread from a Chromium trace: the sum of the thread time (`tdur`)
// of every top-level task on the renderer main threads. Unlike wall time it does not grow while
// the machine's other work holds the core, so it is the figure to compare on a busy machine.

export const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

/**
 * @param {Buffer} trace what `browser.stopTracing()` returned
 * @returns {{ cpuMs: number, tasks: number, longestMs: number }} main-thread CPU, task count, longest task (thread time)
 */
export function mainThreadCpu(trace) {
  /** @type {{ traceEvents: { ph: string, name: string, pid: number, tid: number, tdur?: number, dur?: number, args?: { name?: string } }[] }} */
  const json = JSON.parse(trace.toString('utf8'));
  const events = json.traceEvents;
  const main = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  if (process.env.BENCH_DEBUG) {
    /** @type {Map<string, number>} */
    const by = new Map();
    for (const e of events)
      if (e.ph === 'X' && main.has(`${e.pid}:${e.tid}`)) by.set(e.name, (by.get(e.name) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
    console.log(
      [...by]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 18)
        .map(([n, t]) => `  ${t.toFixed(1)} ms ${n}`)
        .join('\n'),
    );
  }
  let cpu = 0;
  let tasks = 0;
  let longest = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || !main.has(`${e.pid}:${e.tid}`)) continue;
    const t = (e.tdur ?? e.dur ?? 0) / 1000;
    cpu += t;
    tasks++;
    longest = Math.max(longest, t);
  }
  return { cpuMs: cpu, tasks, longestMs: longest };
}
