import { defineCoreMethod } from '../api/method';
import { counselingCall } from './counseling.call';
import {
  addAddendumInput,
  assignInput,
  breakGlassInput,
  countersignInput,
  endAssignmentInput,
  listForClientInput,
  noInput,
  recordSessionInput,
  reviewEmergencyAccessInput,
  saveDraftInput,
  sessionRefInput,
  signSessionInput,
  voidSessionInput,
} from './counseling.schema';
import { assignClient, breakGlass as breakGlassService, endAssignment as endAssignmentService, listEmergencyAccess as listEmergencyAccessService, reviewEmergencyAccess as reviewEmergencyAccessService } from './emergency-access.service';
import { addAddendum as addAddendumService, countersignSession, getSession as getSessionService, listSessionsForClient, voidSession } from './session-records.service';
import { recordSession as recordSessionService, saveDraft as saveDraftService, signSession } from './sessions.service';
import { verifySignatures } from './verify-signatures.service';

/**
 * Counseling sessions' methods. They are core methods because the confidential key is the
 * session's; each still declares its permission, and the services check the client's assignment
 * and the key on every call. Writes go through the one write path.
 */
const WRITES = ['counseling.*'] as const;

export const recordSession = defineCoreMethod({
  name: 'counseling.recordSession',
  input: recordSessionInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => recordSessionService(counselingCall(ctx), input),
});

export const saveDraft = defineCoreMethod({
  name: 'counseling.saveDraft',
  input: saveDraftInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => saveDraftService(counselingCall(ctx), input),
});

export const getSession = defineCoreMethod({
  name: 'counseling.getSession',
  input: sessionRefInput,
  access: 'counseling.read',
  handler: (ctx, input) => getSessionService(counselingCall(ctx), input.id),
});

export const sign = defineCoreMethod({
  name: 'counseling.sign',
  input: signSessionInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => signSession(counselingCall(ctx), input),
});

export const addAddendum = defineCoreMethod({
  name: 'counseling.addAddendum',
  input: addAddendumInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => addAddendumService(counselingCall(ctx), input),
});

export const countersign = defineCoreMethod({
  name: 'counseling.countersign',
  input: countersignInput,
  access: 'counseling.supervise',
  invalidates: WRITES,
  handler: (ctx, input) => countersignSession(counselingCall(ctx), input),
});

export const voidMethod = defineCoreMethod({
  name: 'counseling.void',
  input: voidSessionInput,
  access: 'counseling.write',
  invalidates: WRITES,
  handler: (ctx, input) => voidSession(counselingCall(ctx), input),
});

/** Every role: readers of content get metadata, everyone else only the date and the psychologist. */
export const listForClient = defineCoreMethod({
  name: 'counseling.listForClient',
  input: listForClientInput,
  access: 'counseling.listOccurrences',
  handler: (ctx, input) => listSessionsForClient(counselingCall(ctx), input.clientId),
});

export const breakGlass = defineCoreMethod({
  name: 'counseling.breakGlass',
  input: breakGlassInput,
  access: 'counseling.breakGlass',
  invalidates: WRITES,
  handler: (ctx, input) => breakGlassService(counselingCall(ctx), input),
});

export const listEmergencyAccess = defineCoreMethod({
  name: 'counseling.listEmergencyAccess',
  input: noInput,
  access: 'counseling.supervise',
  handler: (ctx) => listEmergencyAccessService(counselingCall(ctx)),
});

export const reviewEmergencyAccess = defineCoreMethod({
  name: 'counseling.reviewEmergencyAccess',
  input: reviewEmergencyAccessInput,
  access: 'counseling.supervise',
  invalidates: WRITES,
  handler: (ctx, input) => reviewEmergencyAccessService(counselingCall(ctx), input.id),
});

export const assign = defineCoreMethod({
  name: 'counseling.assign',
  input: assignInput,
  access: 'counseling.supervise',
  invalidates: WRITES,
  handler: (ctx, input) => assignClient(counselingCall(ctx), input),
});

export const endAssignment = defineCoreMethod({
  name: 'counseling.endAssignment',
  input: endAssignmentInput,
  access: 'counseling.supervise',
  invalidates: WRITES,
  handler: (ctx, input) => endAssignmentService(counselingCall(ctx), input),
});

/** Recomputes every signature (a key holder's check; `cli verify` covers the rest without the key). */
export const verify = defineCoreMethod({
  name: 'counseling.verify',
  input: noInput,
  access: 'counseling.supervise',
  handler: (ctx) => verifySignatures(counselingCall(ctx)),
});

export const SESSION_METHODS = [
  recordSession,
  saveDraft,
  getSession,
  sign,
  addAddendum,
  countersign,
  voidMethod,
  listForClient,
  breakGlass,
  listEmergencyAccess,
  reviewEmergencyAccess,
  assign,
  endAssignment,
  verify,
] as const;
