import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A badge that is never cut short: Mantine's badge keeps its label on one line and ends it with
 * "…" when the space is narrow, and some words are long in Uzbek and Russian ("Rozilik berilmagan",
 * "Не спрашивали"). This one grows in height and wraps instead, so every language reads in full.
 *
 * @example <WrappingBadge color="teal" variant="light">{t('care:consents.state.given')}</WrappingBadge>
 */
export function WrappingBadge({ children, ...props }: BadgeProps & { readonly children: ReactNode }) {
  return (
    <Badge
      {...props}
      styles={{
        root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '100%', overflow: 'visible', paddingBlock: 2 },
        label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', overflowWrap: 'break-word', lineHeight: 1.3 },
      }}
    >
      {children}
    </Badge>
  );
}
