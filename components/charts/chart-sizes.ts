// Chart heights, shared by the charts and the boxes that hold their place while they load.
export const RANK_ROW = 26;
export const OVER_TIME_HEIGHT = 220;

export function rankedHeight(rows: number): number {
  return rows * RANK_ROW + 16;
}
