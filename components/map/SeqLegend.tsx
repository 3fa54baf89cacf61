import { formatNumber } from '@/components/format';
import { SEQ_STEPS } from '@/lib/domain/scale';

/** The sequential scale as seqStep draws it: a "none" swatch, then the steps from 1 to the largest count. */
export function SeqLegend({ max, unit }: { max: number; unit: string }) {
  const min = 1;
  return (
    <div className="seq-legend" aria-label={min < max ? `Colour scale: none, then ${min} to ${max} ${unit}; a stronger colour means more` : `Colour scale: none, or ${max} ${unit}`} role="img">
      <span className="seq-swatch seq-0" aria-hidden="true" />
      <span className="small muted">0</span>
      <span className="seq-gap" aria-hidden="true" />
      {min < max && <span className="small num">{formatNumber(min)}</span>}
      {/* With one value there is one colour: the darkest step, as seqStep gives it. */}
      {(min < max ? Array.from({ length: SEQ_STEPS }, (_, i) => i + 1) : [SEQ_STEPS]).map((step) => (
        <span key={step} className={`seq-swatch seq-${step}`} aria-hidden="true" />
      ))}
      <span className="small num">{formatNumber(max)}</span>
    </div>
  );
}
