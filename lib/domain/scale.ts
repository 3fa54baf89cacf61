// The one sequential single-hue scale: the dashboard's map and matrix (CSS classes seq-0..seq-5,
// whose colours are the variables --seq-1..--seq-5 of app/globals.css) and the PNG cards' map
// (SEQ_COLORS) step the same way. Step 0 is "none" and looks unlike every other step; counts
// 1..max spread over steps 1..5.
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

/** The light theme's colours of steps 1..5, as app/globals.css's --seq-1..--seq-5 (a test holds them equal). */
export const SEQ_COLORS: readonly string[] = ['#c2d8f5', '#93b9ec', '#6d9fe0', '#3571c8', '#1b4a91'];

/** The dark theme's, as app/globals.css's dark --seq-1..--seq-5 (a test holds them equal). */
export const SEQ_COLORS_DARK: readonly string[] = ['#26538c', '#2f68b3', '#3d7fd6', '#6fa6ef', '#a9cbf7'];

/** The colour of a count on the light (or dark) theme, '' for none. */
export function seqColor(count: number, max: number, theme: 'light' | 'dark' = 'light'): string {
  const step = seqStep(count, max);
  return step === 0 ? '' : (theme === 'dark' ? SEQ_COLORS_DARK : SEQ_COLORS)[step - 1]!;
}
