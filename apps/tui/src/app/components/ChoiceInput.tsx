import { Text } from './Text';

export interface ChoiceInputProps {
  options: readonly string[];
  value: string;
  focused: boolean;
  /** Only the chosen value and its place, for long lists: `‹ veo3.1 › 2/6`. */
  compact?: boolean;
  /** How an option reads, e.g. `auto` for the empty one. Default: as it is. */
  format?: (option: string) => string;
}

/** A value picked from a list with ←/→; the chosen one in brackets: `‹720p›  1080p`. */
export function ChoiceInput({
  options,
  value,
  focused,
  compact = false,
  format = (option) => option,
}: ChoiceInputProps) {
  const chosen = (
    <Text bold color={focused ? 'cyan' : undefined}>
      ‹{format(value)}›
    </Text>
  );
  if (compact) {
    return (
      <Text wrap="truncate-end">
        {chosen}
        <Text dimColor>
          {' '}
          {options.indexOf(value) + 1}/{options.length}
        </Text>
      </Text>
    );
  }
  return (
    <Text wrap="wrap">
      {options.map((option, index) => (
        <Text key={option}>
          {index > 0 ? ' ' : ''}
          {option === value ? chosen : <Text dimColor> {format(option)} </Text>}
        </Text>
      ))}
    </Text>
  );
}
