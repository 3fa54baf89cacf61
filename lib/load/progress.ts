// Progress for long runs: a redrawn bar on a terminal, a plain line per phase elsewhere (logs, CI).
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let lastPhase = '';
  let lastDraw = 0;
  return (phase: string, done: number, total: number): void => {
    if (stream.isTTY) {
      const now = Date.now();
      if (phase === lastPhase && done < total && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      stream.write(`\r${phase.padEnd(13)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done >= total) stream.write('\n');
    } else if (done >= total && phase !== lastPhase) {
      stream.write(`${phase}: ${total}\n`);
    }
    lastPhase = phase;
  };
}
