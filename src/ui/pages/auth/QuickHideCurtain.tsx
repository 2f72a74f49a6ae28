import { Box, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The quick-hide curtain: a plain, neutral window with nothing on it. Any key or click lifts it,
 * and behind it is the lock screen (quick hide also locks), never the data.
 */
export function QuickHideCurtain({ onReveal }: { readonly onReveal: () => void }) {
  const { t } = useTranslation();
  return (
    <Box pos="fixed" inset={0} bg="gray.1" style={{ zIndex: 10_000 }} onKeyDown={onReveal}>
      <UnstyledButton w="100%" h="100%" onClick={onReveal} aria-label={t('auth:quickHide.reveal')} autoFocus>
        <Text c="gray.5" ta="center" size="sm" style={{ position: 'absolute', bottom: 16, width: '100%' }}>
          {t('auth:quickHide.hint')}
        </Text>
      </UnstyledButton>
    </Box>
  );
}
