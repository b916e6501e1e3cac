## Diagnostics of `iop check` and the forms: one message per stable code.

# Reading the file
toml-syntax = TOML-filen kan inte läsas: { $detail }
json-syntax = JSON-filen kan inte läsas: { $detail }
unknown-field = Okänt fält `{ $field }`. Tillåtna fält här: { $expected }
unknown-variant = Okänt värde `{ $value }`. Tillåtna värden: { $expected }
missing-field = Fältet `{ $field }` saknas.
duplicate-key = Fältet `{ $field }` förekommer två gånger.
wrong-type = Fel typ av värde: { $found }; här ska stå { $expected }.
wrong-value = Ogiltigt värde: { $found }; här ska stå { $expected }.
invalid-data = Ogiltiga uppgifter: { $detail }
format-version = Filformat { $found } stöds inte; den här versionen av iop läser format { $supported }.
amount-format = Beloppet "{ $value }" kan inte läsas. Skriv kronor med högst två decimaler, till exempel "1 300 000" eller "37 000,50".
amount-float = Beloppet { $value } är skrivet som decimaltal och blir inte exakt. Skriv det inom citattecken, till exempel "{ $value }".
amount-negative = Beloppet "{ $value }" är negativt; belopp i en överenskommelse är noll eller mer.
amount-range = Beloppet "{ $value }" är för stort.
orgnr-format = Organisationsnumret "{ $value }" ska ha tio siffror: NNNNNN-NNNN.
orgnr-checksum = Organisationsnumret "{ $value }" har fel kontrollsiffra (den sista siffran ska vara { $expected }).
date-invalid = Datumet "{ $value }" finns inte eller är inte skrivet ÅÅÅÅ-MM-DD ({ $reason }).
length-format = Tidsperioden "{ $value }" kan inte läsas. Skriv ett antal och en enhet, till exempel "3 månader" eller "2 år".
percent-format = Procentsatsen "{ $value }" kan inte läsas. Skriv ett tal mellan 0 och 100, till exempel "2".
id-format = Id:t "{ $value }" får bara innehålla små bokstäver, siffror, bindestreck och punkt.

# Rules (errors) and judgements (warnings), domain.md
party-sectors = En IOP kräver minst en offentlig och en idéburen part; här finns { $public } offentliga och { $idea } idéburna.
orgnr-sector = Organisationsnumret { $value } börjar med { $digit }, vilket inte passar en part i { $sector }.
no-own-contribution = Den idéburna parten { $party } bidrar inte med något. En IOP bygger på att båda sidor bidrar; annars kan det vara ett köp.
contributions-sum = Parternas bidrag ({ $kind ->
    [ceiling] högst { $contributions }
   *[firm] { $contributions }
}) motsvarar inte budgeten ({ $budget }) per år.
budget-lines-sum = Budgetposterna summerar till { $lines } per år, men texten anger { $stated }.
term-missing = Överenskommelsen saknar giltighetstid (start- och slutdatum).
term-order = Slutdatum { $end } ligger före startdatum { $start }.
extension-unbounded = Förlängningsmöjligheten saknar övre gräns. Obegränsade förlängningar var ett skäl till att en IOP bedömdes som upphandling (HFD 2020 ref. 15).
per-unit-payment = Ersättning per plats, per brukare eller per belagd plats och natt är ett tecken på köp av tjänst, inte partnerskap (HFD 2020 ref. 15).
ceiling-without-amount = Bidraget anges som ett tak ("högst"), men beloppet saknas. Skriv det högsta belopp som kan betalas per år.
procured-service = Överenskommelsen tar över en tidigare upphandlad tjänst, vilket talar för upphandling (HFD 2020 ref. 15).
section-missing = Avsnittet { $section } saknas.
dispute-missing = Överenskommelsen saknar klausul om omförhandling eller tvist.
no-joint-governance = Det finns ingen styr- eller samverkansgrupp med ledamöter från båda sektorerna.
no-follow-up = Det finns ingen uppföljningsskyldighet.
de-minimis = Offentlig finansiering till { $party } uppgår till { $kind ->
    [ceiling] högst { $amount }
   *[firm] { $amount }
} (cirka { $euro } euro) under tre år, över gränsen för försumbart stöd på { $ceiling } euro, och ingen statsstödsbedömning är angiven.
decision-missing = Överenskommelsen har status { $status } men saknar beslutsgång (ärendenummer, beslutande organ och datum).
id-reserved = Id:t "{ $id }" är reserverat: det är namnet på en sida eller ett flöde i iop (till exempel /api/v1/register/360giving), så överenskommelsen skulle inte gå att nå. Välj ett annat id.
ocid-format = OCID:t "{ $value }" är felaktigt: det ska vara "ocds-", sex små bokstäver eller siffror (prefixet som registrerats hos Open Contracting Partnership), ett bindestreck och processens id, till exempel "ocds-a1b2c3-vi-ses-2022".
duplicate-id = Id:t "{ $id }" används mer än en gång.
unknown-reference = "{ $id }" finns inte bland { $among }.
payment-plan-invalid = Betalningsplanen är ogiltig: { $detail }
due-invalid = Förfallodagen kan inte räknas ut: { $detail }
cadence-invalid = Mötesfrekvensen är ogiltig: { $detail }
text-unprintable = Tecknet "{ $char }" ({ $code }) kan inte skrivas ut i dokumenten: typsnitten har latinska, grekiska och kyrilliska bokstäver och vanliga tecken, men inte det här. Skriv det på ett annat sätt.
text-long = Texten är { $n } tecken lång; här tas högst { $max } emot.
term-long = Giltighetstiden från { $start } till { $end } är { $max } år eller längre; iop tar emot högst { $max } år (ingen IOP kommer i närheten av det).
duties-many = Överenskommelsen ger fler än { $max } daterade skyldigheter (rapporter, möten, fakturor) under giltighetstiden; iop tar emot högst { $max } (ingen IOP kommer i närheten av det).
