// Entry of the parse thread: worker threads do not inherit the TypeScript loader the CLI runs
// under, so this registers it and loads the worker's source.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
