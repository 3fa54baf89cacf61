// The stats route of one chart, as the tests call it: /api/stats/[name] with its name given.
import { GET } from '@/app/api/stats/[name]/route';
import type { StatsName } from '@/lib/domain/api';

export function statsGet(name: StatsName | string): (request: Request) => Promise<Response> {
  return (request) => GET(request, { params: Promise.resolve({ name }) });
}
