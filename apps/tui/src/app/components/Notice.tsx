import { Text } from './Text';

/**
 * What the app has to tell the person (an error in red, a notice in yellow), wrapped within
 * the width; nothing while there is nothing to tell.
 */
export function Notice({
  color,
  children,
}: {
  color: 'red' | 'yellow';
  children: string | null | undefined;
}) {
  return children ? (
    <Text color={color} wrap="wrap">
      {children}
    </Text>
  ) : null;
}
