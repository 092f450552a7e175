interface ProgressBarProps {
  /** 0 to 100, or null when the provider reports no progress (the bar then pulses). */
  value: number | null;
}

export function ProgressBar({ value }: ProgressBarProps) {
  return (
    <div
      className={value === null ? 'progress indeterminate' : 'progress'}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
    >
      <div style={{ width: `${value ?? 100}%` }} />
    </div>
  );
}
