// The sequential single-hue scale of the map and the matrix: step 0 is "none" and looks unlike
// every other step; counts 1..max spread over steps 1..5 (CSS variables --seq-1..--seq-5).
export const SEQ_STEPS = 5;

export function seqStep(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  if (max <= SEQ_STEPS) {
    // Few distinct values: keep 1 light and the max darkest, evenly between.
    return max === 1 ? SEQ_STEPS : 1 + Math.round(((count - 1) * (SEQ_STEPS - 1)) / (max - 1));
  }
  return Math.min(SEQ_STEPS, Math.max(1, Math.ceil((count / max) * SEQ_STEPS)));
}

/** Text colour class that stays readable on a step (light steps take dark text). */
export function seqClass(count: number, max: number): string {
  return `seq-${seqStep(count, max)}`;
}
