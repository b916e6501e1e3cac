## Diagnostics of `iop check` and the forms: one message per stable code.

# Reading the file
toml-syntax = The TOML file cannot be read: { $detail }
json-syntax = The JSON file cannot be read: { $detail }
unknown-field = Unknown field `{ $field }`. Fields allowed here: { $expected }
unknown-variant = Unknown value `{ $value }`. Allowed values: { $expected }
missing-field = The field `{ $field }` is missing.
duplicate-key = The field `{ $field }` appears twice.
wrong-type = Wrong kind of value: { $found }; expected { $expected }.
wrong-value = Invalid value: { $found }; expected { $expected }.
invalid-data = Invalid data: { $detail }
format-version = File format { $found } is not supported; this version of iop reads format { $supported }.
amount-format = The amount "{ $value }" cannot be read. Write kronor with at most two decimals, e.g. "1 300 000" or "37 000.50".
amount-float = The amount { $value } is written as a floating-point number and would not be exact. Put it in quotes, e.g. "{ $value }".
amount-negative = The amount "{ $value }" is negative; amounts in an agreement are zero or more.
amount-range = The amount "{ $value }" is too large.
orgnr-format = The org number "{ $value }" must have ten digits: NNNNNN-NNNN.
orgnr-checksum = The org number "{ $value }" has a wrong check digit (the last digit should be { $expected }).
date-invalid = The date "{ $value }" does not exist or is not written YYYY-MM-DD ({ $reason }).
length-format = The length of time "{ $value }" cannot be read. Write a number and a unit, e.g. "3 months" or "2 years".
percent-format = The percentage "{ $value }" cannot be read. Write a number from 0 to 100, e.g. "2".
id-format = The id "{ $value }" may only contain lower-case letters, digits, hyphens and dots.

# Rules (errors) and judgements (warnings), domain.md
party-sectors = An IOP needs at least one public and one idea-driven party; this one has { $public } public and { $idea } idea-driven.
orgnr-sector = The org number { $value } starts with { $digit }, which does not fit a party in the { $sector }.
no-own-contribution = The idea-driven party { $party } contributes nothing. An IOP rests on both sides contributing; otherwise it may be a purchase.
contributions-sum = The parties' contributions ({ $kind ->
    [ceiling] at most { $contributions }
   *[firm] { $contributions }
}) do not match the budget ({ $budget }) per year.
budget-lines-sum = The budget lines add up to { $lines } a year, but the text states { $stated }.
term-missing = The agreement has no term (start and end date).
term-order = The end date { $end } is before the start date { $start }.
extension-unbounded = The extension option has no upper bound. Unbounded extensions were one reason an IOP was judged a procurement (HFD 2020 ref. 15).
per-unit-payment = Payment per place, per user or per occupied place and night is a sign of buying a service, not a partnership (HFD 2020 ref. 15).
ceiling-without-amount = The contribution is stated as a ceiling ("at most"), but the amount is missing. Write the most that can be paid per year.
procured-service = The agreement takes over a previously procured service, which points to a procurement (HFD 2020 ref. 15).
section-missing = The section { $section } is missing.
dispute-missing = The agreement has no renegotiation or dispute clause.
no-joint-governance = There is no steering or cooperation group with members from both sectors.
no-follow-up = There is no follow-up obligation.
de-minimis = Public funding to { $party } comes to { $kind ->
    [ceiling] at most { $amount }
   *[firm] { $amount }
} (about EUR { $euro }) over three years, above the de minimis ceiling of EUR { $ceiling }, and no state-aid assessment is recorded.
decision-missing = The agreement has status { $status } but no decision trail (case number, deciding body and date).
id-reserved = The id "{ $id }" is reserved: it names a page or feed of iop (such as /api/v1/register/360giving), so the agreement could not be reached. Choose another id.
ocid-format = The OCID "{ $value }" is malformed: it must be "ocds-", six lower-case letters or digits (the prefix registered with the Open Contracting Partnership), a dash and the process's id, e.g. "ocds-a1b2c3-vi-ses-2022".
duplicate-id = The id "{ $id }" is used more than once.
unknown-reference = "{ $id }" is not among { $among }.
payment-plan-invalid = The payment plan is invalid: { $detail }
due-invalid = The due date cannot be computed: { $detail }
cadence-invalid = The meeting cadence is invalid: { $detail }
text-unprintable = The character "{ $char }" ({ $code }) cannot be printed in the documents: their fonts have Latin, Greek, Cyrillic and common signs, but not this one. Write it another way.
text-long = The text is { $n } characters long; at most { $max } are accepted here.
term-long = The term from { $start } to { $end } is { $max } years or longer; iop accepts at most { $max } years (no IOP comes near that).
duties-many = The agreement gives more than { $max } dated duties (reports, meetings, invoices) over its term; iop accepts at most { $max } (no IOP comes near that).
