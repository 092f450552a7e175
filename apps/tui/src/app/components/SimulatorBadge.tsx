import { Text } from './Text';

/** Says, on every screen, that the API behind the app is the SIMULATOR and nothing is real. */
export function SimulatorBadge({ embedded }: { embedded: boolean }) {
  return (
    <Text>
      <Text backgroundColor="yellow" color="black" bold>
        {' SIMULATOR '}
      </Text>
      <Text color="yellow">{embedded ? ' not the real API (built in)' : ' not the real API'}</Text>
    </Text>
  );
}
