## Schedule, obligations, settlement and calendar: labels, titles and errors.

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday

# iop schedule
schedule-heading = Money per calendar year, { $from }–{ $to }
schedule-alternative = Decision alternative: { $name }
schedule-year = Year { $year }
schedule-part-year = (part of the year: { $months } months)
schedule-lines = Budget lines
schedule-line-total = Total
schedule-parties = Contribution per party
schedule-cash = cash
schedule-in-kind = in kind
schedule-at-least = at least
schedule-ceilings-note = Amounts marked "at most" are ceilings: the most that can be paid for a year. They are paid for what was delivered and are not among the payments.
schedule-not-stated = value not stated
schedule-payments = Payments under the payment plan
schedule-invoices = Invoices
schedule-default-date = iop's reading, the agreement gives no date
schedule-total = Total { $from }–{ $to }: { $amount }
schedule-appendix = Appendix { $number }: { $title }
schedule-appendix-unknown = no amounts stated
schedule-compare = Decision alternatives side by side
schedule-compare-total = Total

# iop obligations
obligation-meeting-year = { $label }: at least { $count } meetings in { $year }
obligation-meeting-window = { $label }: at least { $count } meetings { $from }–{ $to }
obligation-meeting-interval = { $label }: next meeting no later than { $weeks } weeks after the last (not before { $from })
obligation-report-window = { $label }: { $count } times { $from }–{ $to }
obligation-report = { $label }
obligation-report-year = { $label } for { $year }
obligation-extension-decision = Last day to decide on an extension
obligation-invoice = Invoice to { $to }: { $amount }
obligation-term-end = The agreement ends (last day in force)
obligation-notice-deadline = Last day to give notice to leave by { $exit }
obligation-appendix-notice-deadline = Last day to give notice on the appendix “{ $label }” for it to end by { $exit }
obligation-withdrawal-deadline = Last day to announce withdrawal from the partnership, with notice, to leave it by { $exit }
obligation-appendix-withdrawal-deadline = Last day to announce withdrawal from the appendix “{ $label }”, with notice, to leave it by { $exit }
obligation-moved = moved from { $weekday } { $date } under lag 1930:173
obligation-responsible = Responsible
obligation-to = To
obligation-none = No dated duties in the chosen interval.

# iop settle
settle-clause = Under { $section } ({ $id }):
settle-notice = Notice given
settle-rescission = Rescission given
settle-withdrawal = Withdrawal announced
settle-effective = Ends
settle-paid = Paid
settle-paid-plan = under the payment plan
settle-paid-recorded = as recorded
settle-kept = Kept by the organisation
settle-refund = To be repaid
settle-still-to-pay = Still to reimburse
settle-repaying-party = May have to repay
settle-max-claim = Maximum claim
settle-proposal = Pro-rata proposal (a person decides)
settle-proposal-missing = Pro-rata proposal: cannot be computed without amounts in the agreement
settle-not-settled-other-ground = No repayment follows from the clause: it ties the money to another ground than this one.
settle-not-settled-repaying-party-ends = No repayment follows from the clause: the party that may have to repay is the one ending the agreement.
settle-ground-default = No ground given; using { $ground }.

ground-convenience = leaving without a particular ground
ground-breach = breach of contract
ground-insolvency = insolvency
ground-mismanagement = mismanagement
ground-changed-circumstances = materially changed circumstances

# iop calendar
calendar-written = { $count } entries written to { $path }.
calendar-name = IOP: { $title }
calendar-default-date = The date is iop's reading. The agreement gives no date.
migrate-done = Done. The duties of { $count } agreements were computed again by this version's rules.
migrate-unreadable = Agreement { $id } was left as it is: this version cannot read its stored document.

# Errors from computations
error-no-term = { $path }: the agreement has no term, so nothing can be dated.
error-no-financing = { $path }: the agreement has no financing section.
error-no-amounts = { $path }: amounts are missing. Neither the agreement nor any appendix states an amount.
error-unknown-alternative = { $path }: there is no decision alternative "{ $asked }". Known: { $known }.
error-no-alternatives = { $path }: the agreement has no decision alternatives.
error-no-extension = { $path }: the agreement has no extension option.
error-too-many-extensions = { $path }: { $asked } extensions asked for, but the agreement allows at most { $allowed }.
error-no-extension-length = { $path }: the extension clause states no length.
error-overflow = { $path }: a date or amount becomes too large.
error-no-termination = { $path }: the agreement has no notice or rescission clause.
error-ground-not-provided = { $path }: the agreement gives no right to end it on the ground of { $ground }. Possible grounds: { $available }.
error-notice-outside-term = { $path }: the notice date { $notice } is outside the term { $start }–{ $end }.
error-unknown-party = { $path }: there is no party "{ $by }". Parties: { $known }.
error-incurred-required = { $path }: on rescission the costs actually incurred are reimbursed; give them with --incurred AMOUNT.
error-invalid-file = { $path }: the file has errors; run iop check { $path }.
error-computed-anyway = { $path }: an error the computation does not depend on: { $message } ({ $code }); run iop check { $path }.
error-write = Cannot write { $path }: { $detail }
