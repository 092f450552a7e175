import { Text as InkText, type TextProps } from 'ink';
import { Children, type ReactNode } from 'react';
import { safeText } from '../../text/safe-text';

/**
 * Ink's `Text`, each string inside it made safe (`safeText`): whatever the API, a history file
 * or a prompt says, no control character or escape sequence reaches the terminal. Every text
 * of the app is drawn through it (Biome refuses Ink's own `Text` in `src/app`).
 */
export function Text({ children, ...props }: TextProps) {
  const safe = Children.map(children, (child: ReactNode) =>
    typeof child === 'string' ? safeText(child) : child,
  );
  return <InkText {...props}>{safe}</InkText>;
}
