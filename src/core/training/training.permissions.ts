import { definePermissions, ROLES } from '../api/permissions';

/**
 * Who may do what with courses. A leaf: the policy and the manifest both read it.
 * `training.read`: courses, cohorts and who is enrolled, for every role (the front desk tells
 * clients what runs). `training.enroll`: the front desk signs people up too. Attendance is the
 * trainers' (the core also checks that she runs the cohort).
 */
export const TRAINING_PERMISSIONS = definePermissions({
  'training.read': ROLES,
  'training.manageCourses': ['trainer', 'manager'],
  'training.manageCohorts': ['trainer', 'manager'],
  'training.enroll': ['trainer', 'manager', 'receptionist'],
  'training.attendance': ['trainer'],
  'training.manageHolidays': ['trainer', 'manager', 'administrator'],
  'training.viewTargets': ['manager', 'administrator', 'trainer'],
});
