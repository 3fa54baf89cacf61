// Progress for long runs: a redrawn line on a terminal, a plain line now and then elsewhere (logs,
// CI). A total of 0 means unknown (a file read as a stream): the count alone is shown.
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastPhase = '';
  let lastDraw = 0;
  let lastLogged = 0;
  return (phase: string, done: number, total: number): void => {
    const now = Date.now();
    if (stream.isTTY) {
      const finished = total > 0 && done >= total;
      if (phase === lastPhase && !finished && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const bar = total > 0 ? ` [${'#'.repeat(Math.round((done / total) * width))}${'.'.repeat(width - Math.round((done / total) * width))}] ${done}/${total}` : ` ${done}`;
      stream.write(`\r${phase.padEnd(13)}${bar}`);
      if (finished) stream.write('\n');
    } else if (done - lastLogged >= 50_000) {
      // Logs get a line per 50,000 posts, so that a short run's output is its summary alone.
      stream.write(`${phase}: ${done}${total > 0 ? `/${total}` : ''}\n`);
      lastLogged = done;
    }
    lastPhase = phase;
  };
}
