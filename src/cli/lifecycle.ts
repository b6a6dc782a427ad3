/** Keeps a server command alive until SIGTERM/SIGINT, then closes it cleanly once. */
export function untilSignal(close: () => Promise<void>): Promise<number> {
  return new Promise((resolve) => {
    let closing = false;
    const stop = (): void => {
      if (closing) return;
      closing = true;
      close().then(
        () => resolve(0),
        (err: unknown) => {
          process.stderr.write(`bunq-gateway: error while stopping: ${String(err)}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
