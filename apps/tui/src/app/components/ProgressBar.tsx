import { barText } from '../../text/bar-text';
import { Text } from './Text';

export interface ProgressBarProps {
  /** 0 to 1; null when the work reports no progress (the bar then sweeps). */
  fraction: number | null;
  width: number;
  /** Moves the sweeping block; any growing number. */
  tick?: number;
  /** Shown after the bar, e.g. `45%`. */
  label?: string;
}

export function ProgressBar({ fraction, width, tick = 0, label }: ProgressBarProps) {
  return (
    <Text>
      <Text color="cyan">{barText(fraction, width, tick)}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
}
