// What a command-line program reads and writes besides its files: its output, its errors and its
// environment. Each program exports `main(argv, io)`, run on the process's own when the file is
// the one started, and called in-process by the tests with an io that records what it says.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The stream progress is drawn on (redrawn on a terminal, a line now and then elsewhere). */
  progress?: NodeJS.WriteStream;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  progress: process.stderr,
};

/** Runs `main` with the process's arguments and io when `moduleUrl` is the file node started. */
export function runIfEntry(moduleUrl: string, main: (argv: string[], io: Io) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  main(process.argv.slice(2), processIo).then(
    (code) => process.exit(code),
    (err: unknown) => {
      // main reports its own failures; this is a bug in it.
      console.error(err);
      process.exit(1);
    },
  );
}

/**
 * A program's main from what it does: 0 when `run` returns, 1 with its failure said in one line on
 * stderr ("NAME: message") when it throws.
 */
export function programMain(name: string, run: (argv: string[], io: Io) => Promise<void>): (argv: string[], io?: Io) => Promise<number> {
  return async (argv, io = processIo) => {
    try {
      await run(argv, io);
      return 0;
    } catch (err) {
      io.stderr(`${name}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}\n`);
      return 1;
    }
  };
}

/** An io that keeps what a program writes, for tests. */
export function recordingIo(env: NodeJS.ProcessEnv): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}
