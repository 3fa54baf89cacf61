// A picture to draw, as the web app's drawing queue and its worker thread pass it: a summary card
// (a week, a shared view) or one of the dashboard's charts. One dispatch for both threads.
import { renderCardPng, type CardContext, type CardData, type CardSize } from './card';
import { renderChartPng, type ChartPicture, type Theme } from './chart';

export type DrawJob = { kind?: 'card'; data: CardData; ctx: CardContext; size: CardSize } | { kind: 'chart'; picture: ChartPicture; theme: Theme };

/** Draws a job in the calling thread. */
export function renderJob(job: DrawJob): Promise<Buffer> {
  return job.kind === 'chart' ? renderChartPng(job.picture, job.theme) : renderCardPng(job.data, job.ctx, job.size);
}
