import { Group, Text } from '@mantine/core';
import { fingerprintGroups } from './sync-wording';

/** The fingerprint in large groups of four, read out group by group against the letter. */
export function FingerprintGroups({ fingerprint, label, size = 24 }: { readonly fingerprint: string; readonly label: string; readonly size?: number }) {
  return (
    <Group gap="md" style={{ rowGap: 4 }} role="group" aria-label={label} data-fingerprint={fingerprint}>
      {fingerprintGroups(fingerprint).map((group, index) => (
        <Text key={index} component="span" ff="monospace" fz={size} fw={700} lh={1.4}>
          {group}
        </Text>
      ))}
    </Group>
  );
}
