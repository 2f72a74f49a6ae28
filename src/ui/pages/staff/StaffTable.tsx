import { Badge, Button, Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../core/staff/staff.repository';

export type StaffAction = 'edit' | 'resetPassword' | 'deactivate' | 'reactivate' | 'grantConfidential';

/** The center's accounts with their role and state; actions for active accounts other than one's own (one's own name can be edited), and reactivation for inactive ones. */
export function StaffTable({ members, currentUserId, onAction }: { readonly members: readonly StaffMember[]; readonly currentUserId: string; readonly onAction: (member: StaffMember, action: StaffAction) => void }) {
  const { t } = useTranslation();
  return (
    // Scrolls sideways in a narrow window rather than squeezing names into three lines.
    <Table.ScrollContainer minWidth={960}>
      <Table striped highlightOnHover withTableBorder aria-label={t('staff:list.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('staff:displayName')}</Table.Th>
            <Table.Th scope="col">{t('auth:username')}</Table.Th>
            <Table.Th scope="col">{t('staff:role')}</Table.Th>
            <Table.Th scope="col">{t('staff:state')}</Table.Th>
            <Table.Th scope="col">{t('staff:actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => (
            <Table.Tr key={member.id}>
              <Table.Th scope="row" fw={500}>
                {member.displayName}
              </Table.Th>
              <Table.Td>{member.username}</Table.Td>
              <Table.Td>{t(`common:roles.${member.role}`)}</Table.Td>
              <Table.Td>
                {!member.isActive ? (
                  <Badge color="gray">{t('staff:states.inactive')}</Badge>
                ) : member.mustChangePassword ? (
                  <Badge color="yellow">{t('staff:states.temporaryPassword')}</Badge>
                ) : (
                  <Badge color="teal">{t('staff:states.active')}</Badge>
                )}
                {member.needsConfidentialGrant && (
                  <Badge color="grape" ml={4}>
                    {t('staff:states.awaitingConfidential')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!member.isActive && (
                  <Button size="xs" variant="light" onClick={() => onAction(member, 'reactivate')} aria-label={t('staff:reactivateFor', { name: member.displayName })}>
                    {t('staff:reactivate.action')}
                  </Button>
                )}
                {member.isActive && member.id === currentUserId && (
                  <Button size="xs" variant="default" onClick={() => onAction(member, 'edit')} aria-label={t('staff:editFor', { name: member.displayName })}>
                    {t('staff:edit.action')}
                  </Button>
                )}
                {member.isActive && member.id !== currentUserId && (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => onAction(member, 'edit')} aria-label={t('staff:editFor', { name: member.displayName })}>
                      {t('staff:edit.action')}
                    </Button>
                    {member.needsConfidentialGrant && (
                      <Button size="xs" variant="light" onClick={() => onAction(member, 'grantConfidential')} aria-label={t('staff:confidential.grantFor', { name: member.displayName })}>
                        {t('staff:confidential.grant')}
                      </Button>
                    )}
                    <Button size="xs" variant="default" onClick={() => onAction(member, 'resetPassword')} aria-label={t('staff:resetFor', { name: member.displayName })}>
                      {t('staff:reset.action')}
                    </Button>
                    <Button size="xs" variant="light" color="red" onClick={() => onAction(member, 'deactivate')} aria-label={t('staff:deactivateFor', { name: member.displayName })}>
                      {t('staff:deactivate.action')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
