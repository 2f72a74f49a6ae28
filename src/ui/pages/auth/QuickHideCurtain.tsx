import { Box, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The quick-hide curtain: a plain, neutral window with nothing on it. Any key or click lifts it,
 * and behind it is the lock screen (quick hide also locks), never the data. The button's name
 * begins with the one visible line (label in name, WCAG 2.5.3) and goes on to say what it does.
 */
export function QuickHideCurtain({ onReveal }: { readonly onReveal: () => void }) {
  const { t } = useTranslation();
  return (
    <Box pos="fixed" inset={0} bg="gray.1" style={{ zIndex: 10_000 }} onKeyDown={onReveal}>
      <UnstyledButton w="100%" h="100%" onClick={onReveal} autoFocus>
        <Text component="span" c="gray.7" ta="center" size="sm" style={{ position: 'absolute', bottom: 16, width: '100%' }}>
          {t('auth:quickHide.hint')}
        </Text>
        <VisuallyHidden>{t('auth:quickHide.reveal')}</VisuallyHidden>
      </UnstyledButton>
    </Box>
  );
}
