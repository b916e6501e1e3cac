## The command line: labels, summaries and the words checks refer to.

severity-error = fel
severity-warning = varning
check-summary = { $files } { $files ->
    [one] fil kontrollerad
   *[other] filer kontrollerade
  }: { $errors } fel, { $warnings } { $warnings ->
    [one] varning
   *[other] varningar
  }.
file-unreadable = Filen { $path } kan inte läsas: { $detail }
file-ok = { $path }: inga anmärkningar.

# Words that messages refer to
sector-public = offentlig sektor
sector-idea-driven = idéburen sektor
status-draft = utkast
status-decided = beslutad
status-signed = undertecknad
status-active = gällande
status-ended = avslutad
status-terminated = avslutad i förtid
among-parties = parterna
among-budget-lines = budgetposterna
among-governance = styrningsorganen
among-activities = insatserna
among-appendices = bilagorna
section-parties = Parter
section-background = Bakgrund
section-purpose = Syfte
section-target-group = Målgrupp
section-activities = Insatser
section-financing = Ekonomi
section-term = Giltighet
section-follow-up = Uppföljning
section-termination = Uppsägning och hävning
