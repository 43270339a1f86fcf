import type { CDPSession } from '@playwright/test';

export interface HeapFigures {
  /** Chromium's JSHeapUsedSize after a forced GC: includes compiled code. */
  usedBytes: number;
  /** Sum of self sizes in a heap snapshot, without compiled code and the browser's own performance-timeline entries. */
  applicationBytes: number;
  domNodes: number;
  listeners: number;
}

/**
 * V8 keeps optimising hot functions for many cycles (compiled code grows, then
 * stops), and Chromium buffers one paint-timing entry per interaction. Neither
 * is the page's memory, so the leak figure leaves them out; the raw figure is
 * reported beside it.
 */
const notApplication = /^(code:|native:(LargestContentfulPaint|InteractionContentfulPaint|PerformanceEventTiming|LayoutShift))/;

export async function measureHeap(cdp: CDPSession): Promise<HeapFigures> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const [typeAt, nameAt, sizeAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size')];
  const types = snapshot.snapshot.meta.node_types[0];
  let applicationBytes = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const label = `${types[snapshot.nodes[i + typeAt] ?? 0] ?? ''}:${snapshot.strings[snapshot.nodes[i + nameAt] ?? 0] ?? ''}`;
    if (!notApplication.test(label)) applicationBytes += snapshot.nodes[i + sizeAt] ?? 0;
  }
  return { usedBytes: metric('JSHeapUsedSize'), applicationBytes, domNodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}
