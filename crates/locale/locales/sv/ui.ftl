# The web pages (crates/web): every word a person reads there.

## Frame
ui-site-name = IOP-registret
ui-skip-link = Hoppa till huvudinnehållet
ui-nav-label = Huvudmeny
ui-nav-home = Start
ui-nav-agreements = Överenskommelser
ui-nav-new = Ny överenskommelse
ui-nav-register = Offentligt register
ui-nav-accessibility = Tillgänglighetsredogörelse
ui-footer-about = Idéburna offentliga partnerskap: överenskommelser, uppföljning och ekonomi.
ui-sign-in = Logga in
ui-sign-out = Logga ut
ui-error-prefix = { "Fel: " }
ui-back-home = Till startsidan
ui-back-to-agreement = Tillbaka till överenskommelsen
ui-cancel = Avbryt
ui-not-found = Sidan finns inte
ui-not-found-body = Kontrollera adressen. Överenskommelsen kan ha fått ett annat id.
ui-server-error = Något gick fel
ui-server-error-body = Sidan kunde inte visas just nu. Försök igen om en stund.
ui-bad-request = Felaktig begäran
ui-bad-request-body = Adressen eller formuläret innehåller tecken som inte kan tas emot, till exempel styrtecken.
ui-not-given = Anges inte
ui-banner-success = Klart

## Months, for dates in prose
ui-month-1 = januari
ui-month-2 = februari
ui-month-3 = mars
ui-month-4 = april
ui-month-5 = maj
ui-month-6 = juni
ui-month-7 = juli
ui-month-8 = augusti
ui-month-9 = september
ui-month-10 = oktober
ui-month-11 = november
ui-month-12 = december

## Lengths
ui-length-days = { $n ->
    [one] { $n } dag
   *[other] { $n } dagar
}
ui-length-weeks = { $n ->
    [one] { $n } vecka
   *[other] { $n } veckor
}
ui-length-months = { $n ->
    [one] { $n } månad
   *[other] { $n } månader
}
ui-length-years = { $n } år

## Status of an agreement
ui-status-draft = Utkast
ui-status-decided = Beslutad
ui-status-signed = Undertecknad
ui-status-active = Gällande
ui-status-ended = Avslutad
ui-status-terminated = Avslutad i förtid

## Where a duty stands
ui-state-upcoming = Kommande
ui-state-due = Snart
ui-state-overdue = Försenad
ui-state-met = Uppfylld
ui-state-passed = Passerad
ui-state-not-in-force = Gäller inte än

## Kinds of duty
ui-kind-activity-plan = Verksamhetsplan
ui-kind-annual-report = Verksamhetsberättelse
ui-kind-financial-report = Ekonomisk rapport
ui-kind-joint-report = Gemensam rapport
ui-kind-evaluation = Utvärdering
ui-kind-end-of-period-report = Slutrapport
ui-kind-compilation = Sammanställning
ui-kind-status-report = Lägesrapport
ui-kind-meeting = Möte
ui-kind-extension-decision = Beslut om förlängning
ui-kind-invoice = Faktura och betalning
ui-kind-term-end = Överenskommelsen upphör
ui-kind-notice-deadline = Sista dag för uppsägning

## Decisions
ui-outcome-approved = Bifallet
ui-outcome-rejected = Avslaget
ui-outcome-referred-back = Återremitterat
ui-outcome-tabled = Bordlagt

## Records
ui-record-decision = Beslut
ui-record-signature = Underskrift
ui-record-payment = Betalning
ui-record-invoice = Faktura
ui-record-report = Rapport
ui-record-meeting = Möte
ui-record-notice = Uppsägning
ui-record-extension = Förlängning
ui-record-outcome = Utfall
ui-record-state-decided = Beslutad
ui-record-state-signed = Undertecknad
ui-record-state-paid = Betald
ui-record-state-planned = Planerad
ui-record-state-sent = Skickad
ui-record-state-received = Mottagen
ui-record-state-approved = Godkänd
ui-record-state-returned = Återsänd för komplettering
ui-record-state-held = Hållet
ui-record-state-given = Lämnad
ui-record-state-exercised = Utnyttjad
ui-record-state-reported = Rapporterat
ui-record-meets = uppfyller { $key }
ui-refund-is = återbetalning { $amount }

## Versions
ui-change-created = skapad
ui-change-edited = ändrad
ui-change-amended = ändrad genom tillägg
ui-change-status = ny status

## Grounds for ending early
ui-ground-convenience = Uppsägning utan att skäl behöver anges
ui-ground-breach = En part brister i sina åtaganden
ui-ground-insolvency = Obestånd
ui-ground-mismanagement = Uppdraget missköts
ui-ground-changed-circumstances = Väsentligt ändrade omständigheter

## Table columns
ui-col-due = Senast
ui-col-duty = Skyldighet
ui-col-agreement = Överenskommelse
ui-col-status = Status
ui-col-year = År
ui-col-party = Part
ui-col-sector = Sektor
ui-col-org-number = Organisationsnummer
ui-col-acting-through = Genom
ui-col-date = Datum
ui-col-body = Organ
ui-col-paragraph = Paragraf
ui-col-outcome = Beslut
ui-col-kind = Slag
ui-col-amount = Belopp
ui-col-about = Uppgifter
ui-col-field = Uppgift
ui-col-before = Före
ui-col-after = Efter
ui-cash = Kontant
ui-in-kind = I annat än pengar
ui-total = Summa

## Start page
ui-dashboard-title = Att göra
ui-dashboard-today = I dag är det
ui-dashboard-overdue = Försenade rapporter
ui-dashboard-overdue-caption = Rapporter vars sista dag har passerat utan att de kommit in
ui-dashboard-none-overdue = Inga rapporter är försenade.
ui-dashboard-due = Skyldigheter de närmaste 90 dagarna
ui-dashboard-due-caption = Skyldigheter som ska vara uppfyllda inom 90 dagar
ui-dashboard-none-due = Inget ska göras de närmaste 90 dagarna.
ui-dashboard-ending = Överenskommelser som upphör inom ett år
ui-dashboard-none-ending = Ingen överenskommelse upphör det närmaste året.
ui-dashboard-money = Pengar per år
ui-dashboard-no-money = Inga belopp finns att visa.
ui-dashboard-money-caption = Åtaganden per kalenderår för alla överenskommelser
ui-dashboard-chart-title = Åtaganden per kalenderår, kontant och i annat än pengar
ui-dashboard-chart-caption = Diagrammet visar samma belopp som tabellen nedan. Fyllda staplar är kontanta åtaganden, ofyllda är insatser i annat än pengar.
ui-ends = upphör
ui-extension-decision-by = Beslut om förlängning ska tas senast { $date }.

## Agreement list
ui-list-title = Överenskommelser
ui-list-count = { $count ->
    [one] 1 överenskommelse
   *[other] { $count } överenskommelser
}
ui-filter-label = Filtrera överenskommelser
ui-filter-search = Sök på titel eller part
ui-filter-all = Alla
ui-filter-year = Gäller år
ui-filter-apply = Visa

## One agreement
ui-version = Version
ui-period = Period
ui-case-number = Ärendenummer
ui-agreement-actions = Följ upp överenskommelsen
ui-action-payment = Registrera betalning
ui-action-report = Registrera rapport
ui-action-meeting = Registrera möte
ui-action-decision = Registrera beslut
ui-action-extension = Registrera förlängning
ui-action-outcome = Registrera utfall
ui-action-calculator = Beräkna avslut
ui-action-notice = Säg upp
ui-download-calendar = Ladda ner skyldigheterna till kalendern (.ics)
ui-download-file = Ladda ner överenskommelsen som fil (TOML)
ui-warnings-title = Att bedöma
ui-parties = Parter
ui-parties-caption = Parterna i överenskommelsen
ui-sector-public = Offentlig part
ui-sector-idea-driven = Idéburen part
ui-agreement-text = Överenskommelsens text
ui-section-signatures = Underskrifter
ui-section-untitled = Inledning
ui-money-heading = Pengar per år och part
ui-money-caption = Åtaganden per kalenderår och part, kontant och i annat än pengar
ui-money-missing = Beloppen kan inte räknas fram ur överenskommelsen.
ui-money-in-appendices = Beloppen står i bilagorna till avtalet.
ui-money-not-stated = Överenskommelsen anger inga belopp.
ui-year-total = Summa
ui-total-term = Summa för hela perioden
ui-at-least = minst { $amount }
ui-terms = Giltighet, förlängning och uppsägning
ui-term = Giltighetstid
ui-extension = Förlängning
ui-extension-times = Kan förlängas { $times } gånger med { $length }.
ui-extension-max = Högst { $length } sammanlagt.
ui-extension-lead = Beslut ska tas { $length } före periodens slut.
ui-termination = Avslut i förtid
ui-notice-period = Uppsägningstid { $length }.
ui-withdrawal-notice = Utträde med varsel på { $length }.
ui-notice-immediate = Utan uppsägningstid.
ui-duties = Skyldigheter
ui-duties-none = Överenskommelsen ger inga daterade skyldigheter.
ui-from-section = Ur avsnittet:
ui-record-this = Registrera att det är gjort
ui-decisions = Beslutsgång
ui-decisions-caption = Beslut om överenskommelsen
ui-trail-heading = Vad överenskommelsen anger om beslutet
ui-trail-paragraph = Paragraf
ui-trail-proposal = Förslag till beslut
ui-trail-presenters = Föredragande
ui-trail-handling = Ärendets behandling under mötet
ui-trail-basis = Beslutsunderlag
ui-trail-minutes = Protokoll
ui-trail-memo = Tjänsteskrivelse
ui-trail-alternative = Finansieringsalternativ
ui-trail-alternative-figures = { $year } per år, { $total } under { $years } år
ui-trail-proposed = (föreslaget i tjänsteskrivelsen)
ui-trail-not-applicable = Ej aktuellt
ui-trail-predecessor = Tidigare partnerskap
ui-trail-signatory = Undertecknare
ui-perspective-legal = Rättslig grund/rättsligt perspektiv
ui-perspective-economic = Ekonomiskt perspektiv
ui-perspective-children = Barnperspektiv
ui-perspective-gender-equality = Jämställdhetsperspektiv
ui-perspective-rural = Landsbygdssäkring/geografiskt perspektiv
ui-perspective-climate = Klimat- och miljöperspektiv
ui-decisions-none = Inga beslut är registrerade.
ui-records = Uppföljning
ui-records-caption = Det som har hänt under överenskommelsen
ui-records-none = Inget är registrerat ännu.
ui-versions = Versioner
ui-changes-caption = Ändringar i version
ui-saved-version = Version { $n } sparad.
ui-saved-record = Uppgiften är sparad.
ui-purpose = Syfte

## Follow-up forms
ui-form-date = Datum
ui-form-date-hint = Skriv datumet som år-månad-dag, till exempel 2026-03-31.
ui-form-amount = Belopp i kronor
ui-form-amount-hint = Till exempel 600 000 eller 37 000,50.
ui-form-paying-party = Part som betalar
ui-form-obligation = Skyldighet som uppfylls
ui-form-no-obligation = Ingen särskild skyldighet
ui-form-file = Fil (valfritt)
ui-form-file-hint = PDF, Word, OpenDocument eller bild, högst 20 MB.
ui-form-minutes = Protokoll (valfritt)
ui-form-body = Grupp som möttes
ui-form-deciding-body = Organ som beslutade
ui-form-case-hint = Till exempel RS 2024/947.
ui-form-new-end = Ny sista dag
ui-form-activity = Insats
ui-form-unit = Vad som räknas
ui-form-unit-hint = Till exempel barn eller föräldrar. Bara antal, aldrig namn.
ui-form-count = Antal
ui-form-save = Spara
ui-form-heading-payment = Registrera en betalning
ui-form-heading-report = Registrera en rapport
ui-form-heading-meeting = Registrera ett möte
ui-form-heading-decision = Registrera ett beslut
ui-form-heading-extension = Registrera en förlängning
ui-form-heading-outcome = Registrera utfall
ui-form-intro-payment = Ange när betalningen gjordes, hur mycket och vem som betalade.
ui-form-intro-report = Ange när rapporten kom in och vilken skyldighet den uppfyller. Du kan bifoga rapporten. Registrera en ny rapport med status Godkänd när den är granskad.
ui-form-intro-meeting = Ange när mötet hölls. Du kan bifoga protokollet.
ui-form-intro-decision = Ange beslutet som det står i protokollet.
ui-form-intro-extension = Ange när förlängningen beslutades och den nya sista dagen.
ui-form-intro-outcome = Ange hur många insatsen nådde. Siffrorna jämförs med målen i överenskommelsen.

## Errors in forms
ui-error-summary-title = Det finns ett problem
ui-error-date-missing = Skriv ett datum.
ui-error-date-format = Skriv datumet som år-månad-dag, till exempel 2026-03-31.
ui-error-amount-missing = Skriv ett belopp.
ui-error-amount-format = Skriv beloppet i kronor, till exempel 600 000.
ui-error-body-missing = Skriv vilket organ som beslutade.
ui-error-case-missing = Skriv ärendenumret.
ui-error-paragraph-missing = Skriv paragrafen i protokollet.
ui-error-unit-missing = Skriv vad som räknas, till exempel barn.
ui-error-count-format = Skriv antalet som ett heltal.
ui-error-ground-missing = Välj ett skäl.
ui-error-ground-not-provided = Överenskommelsen ger inte rätt att avsluta av det skälet.
ui-error-notice-outside-term = Datumet ligger utanför överenskommelsens giltighetstid.
ui-error-unknown-party = Välj en av parterna.
ui-error-incurred-required = Skriv de kostnader som faktiskt uppkommit; de ska ersättas.
ui-error-settle-failed = Avslutet kan inte beräknas för den här överenskommelsen.
ui-error-not-accepted = Uppgiften godtogs inte.
ui-error-file-title = Filen kunde inte sparas
ui-error-file-refused = Uppgiften sparades, men filen { $name } godtogs inte. Kontrollera att den är en PDF, ett Word- eller OpenDocument-dokument eller en bild.

## Notice and settlement
ui-notice-heading = Säg upp överenskommelsen
ui-notice-intro = Ange datum och skäl. Du får se vad uppsägningen innebär innan du bekräftar den.
ui-notice-date = Datum då uppsägningen lämnas
ui-notice-ground = Skäl
ui-notice-party = Part som säger upp
ui-notice-paid = Utbetalt hittills i kronor (valfritt)
ui-notice-paid-hint = Lämna tomt för att räkna med betalningsplanen.
ui-notice-incurred = Faktiskt uppkomna kostnader i kronor (valfritt)
ui-notice-incurred-hint = Behövs när överenskommelsen säger att uppkomna kostnader ersätts.
ui-notice-preview = Visa vad uppsägningen innebär
ui-notice-confirm-text = Stämmer uppgifterna? När du bekräftar registreras uppsägningen.
ui-notice-confirm = Bekräfta uppsägningen
ui-notice-change = Ändra uppgifterna
ui-calc-heading = Beräkna ett avslut
ui-calc-intro = Välj ett datum och ett skäl för att se när överenskommelsen skulle upphöra och vad det innebär för pengarna. Inget sparas.
ui-calc-submit = Beräkna
ui-settle-result = Så här blir avslutet
ui-settle-effective-end = Överenskommelsen upphör
ui-settle-paid = Utbetalt
ui-settle-kept = Får behållas
ui-settle-refund = Ska betalas tillbaka
ui-settle-repaying-party = Kan bli återbetalningsskyldig
ui-settle-max-claim = Högsta möjliga krav
ui-settle-proposal = Förslag i proportion till tiden
ui-settle-still-to-pay = Kostnader som återstår att ersätta
ui-settle-repayment = Återbetalning
ui-settle-not-settled-other-ground = Ingen återbetalning följer av villkoret: det gäller pengarna bara vid en annan grund än den här.
ui-settle-not-settled-repaying-party-ends = Ingen återbetalning följer av villkoret: den part som kan bli återbetalningsskyldig är den som avslutar överenskommelsen.
ui-settle-rule = Beräkningen följer överenskommelsens villkor:

## New agreement
ui-new-title = Ny överenskommelse
ui-new-intro = Börja från en fil i iops format (TOML eller JSON). Ladda upp filen eller klistra in texten. Överenskommelsen kontrolleras innan den sparas och får filens id med en kort slumpad ändelse (linkoping-vi-ses-2022-k3x9qa).
ui-new-file = Fil med överenskommelsen
ui-new-file-hint = En .toml- eller .json-fil.
ui-new-text = Eller klistra in texten
ui-new-text-hint = Används bara om du inte laddar upp någon fil.
ui-new-submit = Kontrollera och spara
ui-new-error-empty = Välj en fil eller klistra in texten.
ui-new-error-read = Formuläret kunde inte läsas. Försök igen.
ui-new-error-utf8 = Filen är inte en textfil i UTF-8.

## Public register
ui-register-title = Offentligt register över idéburna offentliga partnerskap
ui-register-intro = Här visas de överenskommelser som har beslutats: vilka parterna är, perioden, pengarna och syftet. Registret är öppet för alla.
ui-register-empty = Inga överenskommelser är beslutade ännu. Utkast visas inte här.
ui-register-money = Pengar under hela perioden

## Accessibility statement
ui-a11y-title = Tillgänglighetsredogörelse
ui-a11y-intro = Vi vill att alla ska kunna använda den här tjänsten. Här beskriver vi hur den uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända brister och hur du kan rapportera problem.
ui-a11y-status-heading = Hur tillgänglig är tjänsten?
ui-a11y-status = Tjänsten är delvis förenlig med WCAG 2.1 nivå AA. Sidorna går att använda med tangentbord och skärmläsare, utan JavaScript och på en smal mobilskärm.
ui-a11y-gaps-heading = Kända brister
ui-a11y-gap-forms = Överenskommelser med uppgifter som formulären inte visar (till exempel underskrifter och kontaktpersoner) ändras i sin fil, inte fält för fält.
ui-a11y-gap-pdf = Nedladdade filer i TOML-format är inte anpassade för skärmläsare.
ui-a11y-gap-text = Överenskommelsernas egen text visas som parterna skrev den och är inte alltid klarspråk.
ui-a11y-how-heading = Hur vi har testat
ui-a11y-how = Varje sidtyp testas automatiskt på svenska och engelska med axe-core i webbläsaren Chromium, och flödena går att genomföra med bara tangentbordet.
ui-a11y-report-heading = Rapportera brister
ui-a11y-report = Om du upptäcker problem som inte beskrivs här, kontakta den kommun eller region som driver tjänsten. Vi svarar inom två veckor.
ui-a11y-enforcement-heading = Tillsyn
ui-a11y-enforcement = Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen av lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till Digg.
ui-a11y-digg-link = Anmäl till Digg
ui-a11y-tested-heading = Om redogörelsen
ui-a11y-tested = Redogörelsen gäller den här versionen av iop och uppdateras när tjänsten ändras.

## Creating an agreement through forms
ui-nav-new-form = Fyll i formulär
ui-new-or-form = Du kan också fylla i överenskommelsen avsnitt för avsnitt.
ui-yes = Ja
ui-no = Nej
ui-error-percent-format = Skriv procentsatsen som ett tal, till exempel 2.
ui-error-orgnr = Organisationsnumret ska ha tio siffror, NNNNNN-NNNN, med rätt kontrollsiffra.
ui-settlement-refund-unstarted-months = Pengar för månader som inte påbörjats betalas tillbaka
ui-settlement-reimburse-incurred-costs = Kostnader som faktiskt uppkommit ersätts
ui-settlement-discretionary-repayment = Utbetalda medel kan krävas tillbaka helt eller delvis
ui-settlement-not-stated = Anges inte
ui-who-any-party = Var och en av parterna
ui-who-other-party = Den part som inte brustit
ui-body-steering-group = Styrgrupp
ui-body-cooperation-group = Samverkansgrupp
ui-body-working-group = Arbetsgrupp
ui-body-dialogue = Dialog utan fast grupp
ui-draft-title = Ny överenskommelse
ui-draft-intro = Fyll i avsnitten i den ordning du vill. Inget sparas förrän du har kontrollerat dina svar och valt att spara.
ui-draft-done = Klar
ui-draft-not-done = Ej klar
ui-draft-to-check = Kontrollera svaren
ui-draft-save-section = Spara och gå tillbaka till listan
ui-draft-more-rows = Lägg till fler rader
ui-draft-change = Ändra
ui-draft-problems = Det här måste rättas innan överenskommelsen kan sparas
ui-draft-nothing = Inget ifyllt.
ui-draft-check-title = Kontrollera svaren innan du sparar
ui-draft-save-heading = Spara överenskommelsen
ui-draft-save-text = När du sparar blir detta version 1 av överenskommelsen, med status Utkast.
ui-draft-create = Spara överenskommelsen
ui-draft-choose-party = Välj part
ui-draft-section-grund = Grunduppgifter
ui-draft-section-parter = Parter
ui-draft-section-syfte = Syfte och målgrupp
ui-draft-section-insatser = Insatser
ui-draft-section-ekonomi = Ekonomi
ui-draft-section-giltighet = Giltighet
ui-draft-section-uppsagning = Uppsägning
ui-draft-section-styrning = Styrning
ui-draft-section-uppfoljning = Uppföljning
ui-draft-intro-grund = Vad överenskommelsen heter.
ui-draft-intro-parter = Alla parter, i den ordning överenskommelsen räknar upp dem. Minst en offentlig och en idéburen part.
ui-draft-intro-syfte = Varför partnerskapet finns och vem det är till för.
ui-draft-intro-insatser = Vad som ska göras.
ui-draft-intro-ekonomi = Budgeten per kalenderår och vad varje part bidrar med. Bidragen ska gå ihop med budgeten.
ui-draft-intro-giltighet = När överenskommelsen gäller och om den kan förlängas.
ui-draft-intro-uppsagning = Hur överenskommelsen kan avslutas i förtid och vad som då händer med pengarna.
ui-draft-intro-styrning = Grupper som styr och följer upp partnerskapet.
ui-draft-intro-uppfoljning = Rapporter som ska lämnas.
ui-draft-group-party = Part { $n }
ui-draft-group-activity = Insats { $n }
ui-draft-group-line = Budgetrad { $n }
ui-draft-group-contribution = Bidrag { $n }
ui-draft-group-body = Grupp { $n }
ui-draft-group-report = Rapport { $n }
ui-draft-field-title = Titel
ui-draft-field-short-name = Kortnamn (valfritt)
ui-draft-field-id = Id (valfritt)
ui-draft-field-case-number = Ärendenummer (valfritt)
ui-draft-field-parties-text = Avtalstext om parterna (valfritt)
ui-draft-field-party-name = Namn
ui-draft-field-party-sector = Sektor
ui-draft-field-party-org-number = Organisationsnummer
ui-draft-field-party-acting-through = Genom (nämnd eller förvaltning, valfritt)
ui-draft-field-background = Bakgrund
ui-draft-field-purposes = Syfte
ui-draft-field-target-group = Målgrupp
ui-draft-field-values = Värdegrund (valfritt)
ui-draft-field-activities-text = Avtalstext om insatserna (valfritt)
ui-draft-field-activity-name = Namn
ui-draft-field-activity-description = Beskrivning (valfritt)
ui-draft-field-financing-text = Avtalstext om ekonomin
ui-draft-field-indexation = Uppräkning per år i procent (valfritt)
ui-draft-field-line-name = Vad kostnaden gäller
ui-draft-field-line-amount = Belopp per år i kronor
ui-draft-field-contribution-party = Part
ui-draft-field-contribution-kind = Slag av bidrag
ui-draft-field-contribution-amount = Belopp per år i kronor
ui-draft-field-contribution-at-least = Är beloppet ett minsta värde?
ui-draft-field-contribution-description = Vad bidraget består av (valfritt)
ui-draft-field-term-text = Avtalstext om giltighet
ui-draft-field-start = Första dag
ui-draft-field-end = Sista dag
ui-draft-field-ext-times = Antal möjliga förlängningar (valfritt)
ui-draft-field-ext-years = År per förlängning (valfritt)
ui-draft-field-ext-lead-months = Beslut om förlängning senast så många månader före slutet (valfritt)
ui-draft-field-termination-text = Avtalstext om uppsägning
ui-draft-field-grounds = Skäl som ger rätt att avsluta
ui-draft-field-by = Vem som får avsluta
ui-draft-field-notice-months = Uppsägningstid i månader (lämna tomt om avslutet gäller direkt)
ui-draft-field-settlement = Vad som händer med pengarna
ui-draft-field-governance-text = Avtalstext om styrning
ui-draft-field-body-name = Namn
ui-draft-field-body-kind = Slag av grupp
ui-draft-field-body-times = Möten per år
ui-draft-field-follow-up-text = Avtalstext om uppföljning
ui-draft-field-report-title = Vad som ska rapporteras
ui-draft-field-report-kind = Slag av rapport
ui-draft-field-report-month = Senast månad (1–12) året efter
ui-draft-field-report-day = Senast dag i månaden
ui-draft-hint-id = Små bokstäver, siffror och bindestreck, till exempel linkoping-vi-ses-2022. Lämna tomt för att skapa det ur titeln. En ny överenskommelse får en kort slumpad ändelse efter det (linkoping-vi-ses-2022-k3x9qa).
ui-draft-hint-org-number = Tio siffror, till exempel 212000-0449.
ui-draft-hint-purposes = Ett syfte per rad.
ui-draft-hint-values = En princip per rad.
ui-draft-hint-start = Skriv datumet som år-månad-dag, till exempel 2022-01-01.
ui-draft-hint-end = Skriv datumet som år-månad-dag, till exempel 2023-12-31.
ui-draft-hint-amount = Till exempel 600 000.
ui-draft-hint-indexation = Till exempel 2 för 2 procent per nytt kalenderår.

## Outcome figures
ui-outcomes-caption = Utfall mot målen i överenskommelsen
ui-outcome-reported = Rapporterat
ui-outcome-target = Mål per år
ui-outcome-about = cirka { $n }

## Changing an agreement
ui-edit-link = Ändra i överenskommelsens fil
ui-edit-title = Ändra överenskommelsen
ui-edit-intro = Ändra i överenskommelsens fil och spara en ny version. Den gamla versionen finns kvar i historiken, och ändringarna visas där.
ui-edit-text = Överenskommelsens fil (TOML)
ui-edit-text-hint = Allt i filen kontrolleras innan den nya versionen sparas.
ui-edit-reason = Skäl till ändringen
ui-edit-reason-hint = Krävs när överenskommelsen är undertecknad: då är ändringen ett tillägg.
ui-edit-reason-missing = Skriv varför överenskommelsen ändras.
ui-edit-submit = Spara ny version
ui-edit-at = Rad { $line }, tecken { $col }: { $message }
ui-edit-stale = Någon annan har sparat version { $n } medan du ändrade. Ladda om sidan och gör ändringen igen.

## Appendices
ui-appendices = Bilagor
ui-appendices-caption = Bilagor till ramöverenskommelsen, en per insats och part
ui-appendix = Bilaga
ui-appendix-active = Gäller
ui-appendix-replaced = Ersatt
ui-appendix-dropped = Utgått
ui-col-number = Nummer
ui-col-title = Rubrik
ui-date-note = Datumet:
ui-date-default-reading = Datumet är iops tolkning. Överenskommelsen anger inget datum.
ui-status-change = Ny status
ui-status-reason = Skäl (valfritt)
ui-status-submit = Ändra status
ui-status-refused = Statusen kunde inte ändras
ui-draft-section-bilagor = Bilagor
ui-draft-intro-bilagor = Bilagor till en ramöverenskommelse: en per insats och part, med egen period. Lämna tomt om överenskommelsen inte har bilagor.
ui-draft-group-appendix = Bilaga { $n }
ui-draft-field-appendix-title = Rubrik
ui-draft-field-appendix-party = Part som utför insatsen
ui-draft-field-appendix-start = Första dag (valfritt)
ui-draft-field-appendix-end = Sista dag (valfritt)
ui-contents = Innehåll
ui-file-download = Ladda ner
ui-edit-forms-link = Ändra överenskommelsen i formulär
ui-draft-edit-title = Ändra överenskommelsen
ui-draft-not-editable = Överenskommelsen har uppgifter som formulären inte visar, till exempel underskrifter, kontaktpersoner eller flera uppsägningsklausuler. Ändra den i dess fil i stället, så att inget går förlorat.
ui-draft-save-version-text = När du sparar blir detta en ny version av överenskommelsen. Den gamla versionen finns kvar i historiken.
ui-dashboard-extension = Beslut om förlängning inom ett år
ui-dashboard-none-extension = Inget beslut om förlängning ska tas det närmaste året.
ui-dashboard-extension-caption = Sista dag att besluta om förlängning
ui-print = Skriv ut eller spara som PDF
ui-list-next = Nästa sida
ui-nav-new-document = Ny överenskommelse från dokument
ui-new-or-document = Läs in en befintlig överenskommelse från Word, ODT, PDF eller text och kontrollera förslaget.
ui-import-title = Ny överenskommelse från dokument
ui-import-intro = Ladda upp överenskommelsen som dokument. iop läser texten och föreslår överenskommelsens uppgifter, var och en med orden den kommer från. Du kontrollerar förslaget avsnitt för avsnitt innan något sparas.
ui-import-file = Dokument
ui-import-file-hint = Word (.docx), OpenDocument (.odt), PDF med text, eller text (.txt, .md). Högst 20 MiB.
ui-import-submit = Läs dokumentet
ui-import-choose = Välj ett dokument att läsa in
ui-import-place = s. { $page }, rad { $line }
ui-import-review-title = Granska förslaget
ui-import-review-intro = Här står dokumentets text bredvid de uppgifter iop hittade. Varje uppgift länkar till sina ord i texten. Uppgifter märkta Kontrollera är gissningar. Inget är sparat ännu.
ui-import-document = Dokument
ui-import-pages = Sidor
ui-import-guesses = Gissningar att kontrollera
ui-import-facts-title = Föreslagna uppgifter
ui-import-text-title = Dokumentets text
ui-import-confirm-title = Kontrollera och spara
ui-import-problems-title = Detta måste rättas innan överenskommelsen kan sparas
ui-import-confirm = Kontrollera
ui-import-notes = Text som inte lästes (sparas som anteckningar)
ui-import-confirm-text = Förslaget fylls i formulären för en ny överenskommelse. Gå igenom avsnitten, rätta och spara vart och ett; på sista sidan sparas version 1 med dokumentet bifogat.
ui-import-start = Kontrollera avsnitt för avsnitt
ui-import-other = Läs in ett annat dokument
ui-import-tasks-intro = Formulären är ifyllda med förslaget från dokumentet. Kontrollera och spara varje avsnitt.
ui-import-back-to-review = Tillbaka till dokumentet och förslaget
ui-import-source-title = Ur dokumentet
ui-new-tab = öppnas i ny flik
ui-import-expired = Dokumentet finns inte längre kvar för granskning (det sparas i två timmar). Ladda upp det igen.
ui-import-source = Inläst från dokumentet
ui-draft-notes = Anteckningar
ui-draft-notes-text = Text ur dokumentet som inget formulär har fält för. Den sparas som anteckningar i överenskommelsen.
