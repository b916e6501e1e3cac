## The command line: labels, summaries and the words checks refer to.

severity-error = error
severity-warning = warning
check-summary = { $files } { $files ->
    [one] file
   *[other] files
  } checked: { $errors } { $errors ->
    [one] error
   *[other] errors
  }, { $warnings } { $warnings ->
    [one] warning
   *[other] warnings
  }.
file-unreadable = The file { $path } cannot be read: { $detail }
file-ok = { $path }: no findings.

# Words that messages refer to
sector-public = public sector
sector-idea-driven = idea-driven sector
status-draft = draft
status-decided = decided
status-signed = signed
status-active = active
status-ended = ended
status-terminated = terminated
among-parties = the parties
among-budget-lines = the budget lines
among-governance = the governance bodies
among-activities = the activities
among-appendices = the appendices
section-parties = Parties
section-background = Background
section-purpose = Purpose
section-target-group = Target group
section-activities = Activities
section-financing = Financing
section-term = Term
section-follow-up = Follow-up
section-termination = Termination

## iop user, iop audit
user-added = The user { $user } is created.
user-added-admin = The administrator { $user } is created.
user-password-once = Password (shown only now): { $password }
user-granted = { $user } now has the role { $role } in { $org }.
user-revoked = { $user } no longer has a role in { $org }.
user-password-reset = New password set for { $user }; all their sessions have ended.
user-admin-mark = administrator
role-official = official
role-partner = partner representative
role-reader = reader
audit-progress = { $events } events checked …
audit-intact = The audit log is intact: { $events } events, last hash { $hash }.
audit-broken = The audit log is broken: { $what }.
audit-altered = event { $seq } has been changed (its hash does not match)
audit-relinked = event { $seq } does not point at the event before it
audit-missing = event { $expected } is missing (the next is { $found })
audit-truncated = the log ends at event { $last } but should have { $head } events
audit-rewritten = event { $seq } has another hash than the checkpoint says: the log was rewritten from that event or earlier
audit-shorter-than-checkpoint = the checkpoint names event { $seq } but the log ends at event { $last }: its end was cut off
audit-bad-expect = --expect number { $n } ({ $text }) is not a checkpoint; write SEQ:HASH as iop audit head prints it
audit-bad-checkpoint-line = { $file }, line { $line }: not a checkpoint; write SEQ:HASH as iop audit head prints it
audit-checkpoints-unreadable = Cannot read the checkpoints in { $file }: { $error }
audit-checkpoints-too-large = { $file } is larger than { $limit } and is not a checkpoint file
user-email-set = { $user } gets reminders at { $email }.
user-email-cleared = { $user } has no e-mail address any more and gets no reminders.
remind-mail-off = E-mail is off: no SMTP server given (--smtp-url or IOP_SMTP_URL). Reminders are neither planned nor sent.
remind-mail-on = Reminders are sent through { $server } every day at { $hour }:00.
remind-report = { $day }: { $planned } planned, { $cancelled } cancelled, { $sent } sent, { $deferred } to be tried again later, { $failed } failed.
remind-no-smtp = Give an SMTP server with --smtp-url (or IOP_SMTP_URL), or use --dry-run.
