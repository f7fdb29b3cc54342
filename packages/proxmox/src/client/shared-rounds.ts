/**
 * One request shared by calls that come together, none answered from a request sent before it
 * was made: a call while a request is under way waits for it to end and then shares the next one
 * with every call made meanwhile. Sixteen jobs listing the cluster at once cost PVE two listings,
 * not sixteen, and a job that has just created a VM still finds it in the answer it gets.
 */
export function sharedRounds<T>(send: () => PromiseLike<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const round = Promise.resolve().then(send);
    running = round;
    const done = () => {
      if (running === round) running = null;
    };
    round.then(done, done);
    return round;
  };
  return () => {
    if (running === null) return start();
    if (next === null) {
      const after = () => {
        next = null;
        return start();
      };
      next = running.then(after, after);
    }
    return next;
  };
}
