/**
 * Runs `work` for every item: items of one channel one after another (Slack paces each channel, so
 * running them side by side would only interleave two threads), different channels side by side, at
 * most `limit` channels at a time. Results come back in the items' order. `work` must not throw.
 */
export async function runByChannel<T, R>(
  items: readonly T[],
  channelOf: (item: T) => string,
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const channel = channelOf(item);
    const lane = lanes.get(channel);
    if (lane) lane.push(index);
    else lanes.set(channel, [index]);
  });
  const queue = [...lanes.values()];
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let lane = queue[next++]; lane; lane = queue[next++]) {
      for (const index of lane) {
        const item = items[index];
        if (item !== undefined) results[index] = await work(item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, worker));
  return results;
}
