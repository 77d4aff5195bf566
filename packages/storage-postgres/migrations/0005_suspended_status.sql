-- Incasso storage, version 5: a case's list row may have the status suspended.
--
-- A case.suspended event pauses a case's collection (no scenario actions on the agenda) until a
-- case.resumed or the suspension's own until-day; the case's list row then has the status
-- suspended, which version 1's check did not allow. The row's owner needs no change: it is the
-- projection's owner, which follows case.owner-assigned.

ALTER TABLE cases DROP CONSTRAINT cases_status_check;
ALTER TABLE cases ADD CONSTRAINT cases_status_check
  CHECK (status IN ('open', 'disputed', 'payment-plan', 'insolvent', 'with-bailiff',
    'written-off', 'closed', 'paid', 'suspended'));
