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
