import { Text } from './Text';

export interface TextInputProps {
  value: string;
  /** Where the cursor is; at the end when undefined. */
  cursor: number | undefined;
  focused: boolean;
  placeholder?: string;
}

/** A one-line text field; the form turns keys into its value and cursor. */
export function TextInput({
  value,
  cursor = value.length,
  focused,
  placeholder = '',
}: TextInputProps) {
  if (!focused) return value === '' ? <Text dimColor>{placeholder}</Text> : <Text>{value}</Text>;
  const at = Math.min(cursor, value.length);
  return (
    <Text>
      {value.slice(0, at)}
      <Text inverse>{value[at] ?? ' '}</Text>
      {value.slice(at + 1)}
    </Text>
  );
}
