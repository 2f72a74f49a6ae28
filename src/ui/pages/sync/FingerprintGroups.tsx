import { Group, Text } from '@mantine/core';
import { fingerprintGroups } from './sync-wording';

/** The fingerprint in large groups of four, read out group by group against the letter. */
export function FingerprintGroups({ fingerprint, label }: { readonly fingerprint: string; readonly label: string }) {
  return (
    <Group gap="md" role="group" aria-label={label} data-fingerprint={fingerprint}>
      {fingerprintGroups(fingerprint).map((group, index) => (
        <Text key={index} component="span" ff="monospace" fz={24} fw={700} lh={1.4}>
          {group}
        </Text>
      ))}
    </Group>
  );
}
