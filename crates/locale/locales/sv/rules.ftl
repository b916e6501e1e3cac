## Schedule, obligations, settlement and calendar: labels, titles and errors.

weekday-1 = måndag
weekday-2 = tisdag
weekday-3 = onsdag
weekday-4 = torsdag
weekday-5 = fredag
weekday-6 = lördag
weekday-7 = söndag

# iop schedule
schedule-heading = Ekonomi per kalenderår, { $from }–{ $to }
schedule-alternative = Beslutsalternativ: { $name }
schedule-year = År { $year }
schedule-part-year = (del av året: { $months } månader)
schedule-lines = Budgetposter
schedule-line-total = Summa
schedule-parties = Bidrag per part
schedule-cash = kontant
schedule-in-kind = i annat än pengar
schedule-at-least = minst
schedule-ceilings-note = Belopp med "högst" är tak: det mesta som kan betalas för ett år. De betalas efter vad som har utförts och står inte bland utbetalningarna.
schedule-not-stated = värde anges inte
schedule-payments = Utbetalningar enligt betalningsplanen
schedule-invoices = Fakturor
schedule-default-date = iops tolkning, överenskommelsen anger inget datum
schedule-total = Totalt { $from }–{ $to }: { $amount }
schedule-appendix = Bilaga { $number }: { $title }
schedule-appendix-unknown = belopp anges inte
schedule-compare = Beslutsalternativ sida vid sida
schedule-compare-total = Totalt

# iop obligations
obligation-meeting-year = { $label }: minst { $count } möten under { $year }
obligation-meeting-window = { $label }: minst { $count } möten { $from }–{ $to }
obligation-meeting-interval = { $label }: nästa möte senast { $weeks } veckor efter föregående (tidigast { $from })
obligation-report-window = { $label }: { $count } gånger { $from }–{ $to }
obligation-report = { $label }
obligation-report-year = { $label } för { $year }
obligation-extension-decision = Sista dag att besluta om förlängning
obligation-invoice = Faktura till { $to }: { $amount }
obligation-term-end = Överenskommelsen upphör (sista giltighetsdag)
obligation-notice-deadline = Sista dag att säga upp överenskommelsen för att lämna den senast { $exit }
obligation-appendix-notice-deadline = Sista dag att säga upp bilagan ”{ $label }” för att den ska upphöra senast { $exit }
obligation-withdrawal-deadline = Sista dag att anmäla utträde ur partnerskapet med varsel för att lämna det senast { $exit }
obligation-appendix-withdrawal-deadline = Sista dag att anmäla utträde ur bilagan ”{ $label }” med varsel för att lämna den senast { $exit }
obligation-moved = flyttad från { $weekday } { $date } enligt lag 1930:173
obligation-responsible = Ansvarig
obligation-to = Till
obligation-none = Inga datumsatta åtaganden i det valda intervallet.

# iop settle
settle-clause = Enligt { $section } ({ $id }):
settle-notice = Uppsägning lämnad
settle-rescission = Hävning meddelad
settle-withdrawal = Utträde anmält
settle-effective = Upphör att gälla
settle-paid = Utbetalt
settle-paid-plan = enligt betalningsplanen
settle-paid-recorded = enligt registrerade utbetalningar
settle-kept = Behålls av organisationen
settle-refund = Återbetalas
settle-still-to-pay = Kvar att ersätta
settle-repaying-party = Kan bli återbetalningsskyldig
settle-max-claim = Högsta möjliga återkrav
settle-proposal = Förslag pro rata (en person beslutar)
settle-proposal-missing = Förslag pro rata: kan inte räknas fram utan belopp i överenskommelsen
settle-not-settled-other-ground = Ingen återbetalning följer av villkoret: det gäller pengarna bara vid en annan grund än den här.
settle-not-settled-repaying-party-ends = Ingen återbetalning följer av villkoret: den part som kan bli återbetalningsskyldig är den som avslutar överenskommelsen.
settle-ground-default = Ingen grund angiven; använder { $ground }.

ground-convenience = utträde utan särskild grund
ground-breach = avtalsbrott
ground-insolvency = obestånd
ground-mismanagement = misskötsel
ground-changed-circumstances = väsentligt ändrade omständigheter

# iop calendar
calendar-written = { $count } händelser skrivna till { $path }.
calendar-name = IOP: { $title }
calendar-default-date = Datumet är iops tolkning. Överenskommelsen anger inget datum.
migrate-done = Klart. Skyldigheterna i { $count } överenskommelser beräknades på nytt enligt den här versionens regler.
migrate-unreadable = Överenskommelsen { $id } lämnades som den är: den här versionen kan inte läsa dess lagrade dokument.

# Errors from computations
error-no-term = { $path }: överenskommelsen saknar giltighetstid (term), så inget kan dateras.
error-no-financing = { $path }: överenskommelsen saknar avsnitt om ekonomi (financing).
error-no-amounts = { $path }: beloppen saknas. Varken överenskommelsen eller någon bilaga anger belopp.
error-unknown-alternative = { $path }: beslutsalternativet "{ $asked }" finns inte. Finns: { $known }.
error-no-alternatives = { $path }: överenskommelsen har inga beslutsalternativ.
error-no-extension = { $path }: överenskommelsen saknar möjlighet till förlängning.
error-too-many-extensions = { $path }: { $asked } förlängningar begärda, men överenskommelsen tillåter högst { $allowed }.
error-no-extension-length = { $path }: förlängningsklausulen anger ingen längd.
error-overflow = { $path }: ett datum eller belopp blir för stort.
error-no-termination = { $path }: överenskommelsen har ingen klausul om uppsägning eller hävning.
error-ground-not-provided = { $path }: överenskommelsen ger ingen rätt att avsluta på grund av { $ground }. Möjliga grunder: { $available }.
error-notice-outside-term = { $path }: uppsägningsdagen { $notice } ligger utanför giltighetstiden { $start }–{ $end }.
error-unknown-party = { $path }: parten "{ $by }" finns inte. Parter: { $known }.
error-incurred-required = { $path }: vid hävning ersätts faktiskt uppkomna kostnader; ange dem med --incurred BELOPP.
error-invalid-file = { $path }: filen innehåller fel; kör iop check { $path }.
error-computed-anyway = { $path }: fel som beräkningen inte beror på: { $message } ({ $code }); kör iop check { $path }.
error-write = Kan inte skriva { $path }: { $detail }
