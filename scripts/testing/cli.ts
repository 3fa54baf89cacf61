// A command-line program's main(argv, io) run in the test's own process: what it printed on
// stdout and stderr and its exit code, as a subprocess would give them, without the seconds a new
// process takes to start and load. Kept for what only a process shows (signals, standard input,
// a real exit) are a few subprocess tests.
import { recordingIo, type Io } from '@/scripts/io';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(main: (argv: string[], io: Io) => Promise<number>, args: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const io = recordingIo(env);
  const code = await main(args, io);
  return { code, stdout: io.out, stderr: io.err };
}
