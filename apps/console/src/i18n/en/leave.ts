/**
 * The leave screen's English texts, merged into the catalogue by catalogue.ts (SCREEN_TEXTS);
 * nl/leave.ts must have exactly these keys.
 */
export const leave = {
  'nav.leave': 'Leave',

  'leave.title': 'Leave',
  'leave.noEmployee':
    'Your sign-in names no employee, so you have no leave of your own; sign in with your employee id.',
  'leave.balance': 'My balance {year}',
  'leave.theBalance': 'your leave balance',
  'leave.inDays': 'Annual leave in days',
  'leave.entitled': 'Entitled',
  'leave.taken': 'Taken',
  'leave.planned': 'Planned',
  'leave.pending': 'Pending',
  'leave.remaining': 'Remaining',
  'leave.overdrawn': 'Overdrawn',
  'leave.buckets': 'By bucket, in hours',
  'leave.noBuckets': 'No buckets: the company has no country rules for leave.',
  'leave.bucket': 'Bucket',
  'leave.accrued': 'Year',
  'leave.used': 'Used',
  'leave.expired': 'Lapsed',
  'leave.expiresOn': 'Lapses on',

  'leave.request': 'Request leave',
  'leave.type': 'Type',
  'leave.startDate': 'First day',
  'leave.endDate': 'Last day',
  'leave.halfDayStart': 'Only the afternoon of the first day',
  'leave.halfDayEnd': 'Only the morning of the last day',
  'leave.comment': 'Comment (optional)',
  'leave.submit': 'Request',
  'leave.requested': {
    one: 'Requested: {count} working day, waiting for your manager.',
    other: 'Requested: {count} working days, waiting for your manager.',
  },

  'leave.mine': 'My requests',
  'leave.theRequests': 'your leave requests',
  'leave.noRequests': 'You have no leave requests.',
  'leave.who': 'Employee',
  'leave.dates': 'Dates',
  'leave.days': 'Days',
  'leave.status': 'Status',
  'leave.decision': 'Decision',
  'leave.decidedBy': '{who}: {comment}',

  'leave.toDecide': 'Requests to decide',
  'leave.theDecisions': 'the requests to decide',
  'leave.nothingToDecide': 'No requests wait for your decision.',
  'leave.ownRequest': 'Your own request: another approver decides it.',
  'leave.decisionComment': 'Comment on the request of {name}',
  'leave.approve': 'Approve',
  'leave.refuse': 'Refuse',
  'leave.commentNeeded': 'Say why in the comment when you refuse.',
  'leave.decided': 'Decided: {status}.',

  'enum.LeaveBucketKind.STATUTORY': 'Statutory',
  'enum.LeaveBucketKind.EXTRA': 'Extra',
} as const;
