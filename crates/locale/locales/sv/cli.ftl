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

## iop user, iop audit
user-added = Användaren { $user } är skapad.
user-added-admin = Administratören { $user } är skapad.
user-password-once = Lösenord (visas bara nu): { $password }
user-granted = { $user } har nu rollen { $role } i { $org }.
user-revoked = { $user } har inte längre någon roll i { $org }.
user-password-reset = Nytt lösenord satt för { $user }; alla hens sessioner är avslutade.
user-admin-mark = administratör
role-official = handläggare
role-partner = partnerrepresentant
role-reader = läsare
audit-progress = { $events } händelser kontrollerade …
audit-intact = Granskningsloggen är obruten: { $events } händelser, senaste hash { $hash }.
audit-broken = Granskningsloggen är bruten: { $what }.
audit-altered = händelse { $seq } är ändrad (dess hash stämmer inte)
audit-relinked = händelse { $seq } pekar inte på händelsen före den
audit-missing = händelse { $expected } saknas (nästa är { $found })
audit-truncated = loggen slutar vid händelse { $last } men ska ha { $head } händelser
audit-rewritten = händelse { $seq } har en annan hash än kontrollpunkten anger: loggen är omskriven från den händelsen eller tidigare
audit-shorter-than-checkpoint = kontrollpunkten anger händelse { $seq } men loggen slutar vid händelse { $last }: slutet är bortklippt
audit-bad-expect = --expect nummer { $n } ({ $text }) är ingen kontrollpunkt; skriv NUMMER:HASH som iop audit head skriver ut
audit-bad-checkpoint-line = { $file }, rad { $line }: ingen kontrollpunkt; skriv NUMMER:HASH som iop audit head skriver ut
audit-checkpoints-unreadable = Kan inte läsa kontrollpunkterna i { $file }: { $error }
audit-checkpoints-too-large = { $file } är större än { $limit } och är ingen fil med kontrollpunkter
user-email-set = { $user } får påminnelser till { $email }.
user-email-cleared = { $user } har ingen e-postadress längre och får inga påminnelser.
remind-mail-off = E-post är avstängd: ingen SMTP-server angiven (--smtp-url eller IOP_SMTP_URL). Påminnelser planeras inte och skickas inte.
remind-mail-on = Påminnelser skickas via { $server } varje dag kl. { $hour }.00.
remind-report = { $day }: { $planned } planerade, { $cancelled } strukna, { $sent } skickade, { $deferred } försöks igen senare, { $failed } misslyckade.
remind-no-smtp = Ange en SMTP-server med --smtp-url (eller IOP_SMTP_URL), eller använd --dry-run.
