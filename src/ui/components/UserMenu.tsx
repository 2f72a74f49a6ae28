import { Button, Kbd, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSession } from '../session/session';

/** The signed-in user's name and role, with account, lock, quick hide and sign-out. */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const user = session.user;
  if (!user) return null;
  const role = t(`common:roles.${user.role}`);
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        {/* The accessible name starts with the visible text (WCAG 2.5.3, label in name). */}
        <Button variant="default" size="xs" aria-label={t('common:userMenu.label', { name: user.displayName, role })}>
          {user.displayName} · {role}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs">{user.username}</Text>
        </Menu.Label>
        <Menu.Item onClick={() => void navigate('/account')}>{t('common:nav.account')}</Menu.Item>
        <Menu.Item onClick={() => session.lock()} rightSection={<Kbd size="xs">Ctrl+L</Kbd>}>
          {t('auth:lock.action')}
        </Menu.Item>
        <Menu.Item onClick={() => session.quickHide()} rightSection={<Kbd size="xs">Ctrl+Shift+H</Kbd>}>
          {t('auth:quickHide.action')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={() => void session.signOut()}>
          {t('auth:signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
