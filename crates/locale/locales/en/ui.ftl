# The web pages (crates/web): every word a person reads there.

## Frame
ui-site-name = IOP register
ui-skip-link = Skip to main content
ui-nav-label = Main menu
ui-nav-home = Start
ui-nav-agreements = Agreements
ui-nav-new = New agreement
ui-nav-register = Public register
ui-nav-accessibility = Accessibility statement
ui-footer-about = Idea-driven public partnerships: agreements, follow-up and money.
ui-sign-in = Sign in
ui-sign-out = Sign out
ui-error-prefix = { "Error: " }
ui-back-home = Go to the start page
ui-back-to-agreement = Back to the agreement
ui-cancel = Cancel
ui-not-found = Page not found
ui-not-found-body = Check the address. The agreement may have a different id.
ui-server-error = Something went wrong
ui-server-error-body = The page cannot be shown right now. Try again in a moment.
ui-bad-request = Bad request
ui-bad-request-body = The address or the form holds characters that cannot be accepted, such as control characters.
ui-not-given = Not given
ui-banner-success = Done

## Months, for dates in prose
ui-month-1 = January
ui-month-2 = February
ui-month-3 = March
ui-month-4 = April
ui-month-5 = May
ui-month-6 = June
ui-month-7 = July
ui-month-8 = August
ui-month-9 = September
ui-month-10 = October
ui-month-11 = November
ui-month-12 = December

## Lengths
ui-length-days = { $n ->
    [one] { $n } day
   *[other] { $n } days
}
ui-length-weeks = { $n ->
    [one] { $n } week
   *[other] { $n } weeks
}
ui-length-months = { $n ->
    [one] { $n } month
   *[other] { $n } months
}
ui-length-years = { $n ->
    [one] { $n } year
   *[other] { $n } years
}

## Status of an agreement
ui-status-draft = Draft
ui-status-decided = Decided
ui-status-signed = Signed
ui-status-active = In force
ui-status-ended = Ended
ui-status-terminated = Ended early

## Where a duty stands
ui-state-upcoming = Upcoming
ui-state-due = Due soon
ui-state-overdue = Overdue
ui-state-met = Met
ui-state-passed = Passed
ui-state-not-in-force = Not yet in force

## Kinds of duty
ui-kind-activity-plan = Activity plan
ui-kind-annual-report = Annual activity report
ui-kind-financial-report = Financial report
ui-kind-joint-report = Joint report
ui-kind-evaluation = Evaluation
ui-kind-end-of-period-report = End-of-period report
ui-kind-compilation = Compilation
ui-kind-status-report = Status report
ui-kind-meeting = Meeting
ui-kind-extension-decision = Decision on extension
ui-kind-invoice = Invoice and payment
ui-kind-term-end = The agreement ends
ui-kind-notice-deadline = Last day to give notice

## Decisions
ui-outcome-approved = Approved
ui-outcome-rejected = Rejected
ui-outcome-referred-back = Referred back
ui-outcome-tabled = Tabled

## Records
ui-record-decision = Decision
ui-record-signature = Signature
ui-record-payment = Payment
ui-record-invoice = Invoice
ui-record-report = Report
ui-record-meeting = Meeting
ui-record-notice = Notice
ui-record-extension = Extension
ui-record-outcome = Outcome
ui-record-state-decided = Decided
ui-record-state-signed = Signed
ui-record-state-paid = Paid
ui-record-state-planned = Planned
ui-record-state-sent = Sent
ui-record-state-received = Received
ui-record-state-approved = Approved
ui-record-state-returned = Returned for completion
ui-record-state-held = Held
ui-record-state-given = Given
ui-record-state-exercised = Exercised
ui-record-state-reported = Reported
ui-record-meets = meets { $key }
ui-refund-is = refund { $amount }

## Versions
ui-change-created = created
ui-change-edited = edited
ui-change-amended = amended
ui-change-status = new status

## Grounds for ending early
ui-ground-convenience = Notice without giving a reason
ui-ground-breach = A party fails its obligations
ui-ground-insolvency = Insolvency
ui-ground-mismanagement = The work is mismanaged
ui-ground-changed-circumstances = Materially changed circumstances

## Table columns
ui-col-due = Due
ui-col-duty = Duty
ui-col-agreement = Agreement
ui-col-status = Status
ui-col-year = Year
ui-col-party = Party
ui-col-sector = Sector
ui-col-org-number = Organisation number
ui-col-acting-through = Acting through
ui-col-date = Date
ui-col-body = Body
ui-col-paragraph = Minute paragraph
ui-col-outcome = Decision
ui-col-kind = Kind
ui-col-amount = Amount
ui-col-about = Details
ui-col-field = Field
ui-col-before = Before
ui-col-after = After
ui-cash = Cash
ui-in-kind = In kind
ui-total = Total

## Start page
ui-dashboard-title = To do
ui-dashboard-today = Today is
ui-dashboard-overdue = Overdue reports
ui-dashboard-overdue-caption = Reports whose last day has passed without them coming in
ui-dashboard-none-overdue = No reports are overdue.
ui-dashboard-due = Duties in the next 90 days
ui-dashboard-due-caption = Duties to be met within 90 days
ui-dashboard-none-due = Nothing is due in the next 90 days.
ui-dashboard-ending = Agreements ending within a year
ui-dashboard-none-ending = No agreement ends in the coming year.
ui-dashboard-money = Money per year
ui-dashboard-no-money = There are no amounts to show.
ui-dashboard-money-caption = Commitments per calendar year across all agreements
ui-dashboard-chart-title = Commitments per calendar year, cash and in kind
ui-dashboard-chart-caption = The chart shows the same amounts as the table below. Filled bars are cash commitments, outlined bars are contributions in kind.
ui-ends = ends
ui-extension-decision-by = A decision on extension is due by { $date }.

## Agreement list
ui-list-title = Agreements
ui-list-count = { $count ->
    [one] 1 agreement
   *[other] { $count } agreements
}
ui-filter-label = Filter agreements
ui-filter-search = Search title or party
ui-filter-all = All
ui-filter-year = In force in year
ui-filter-apply = Show

## One agreement
ui-version = Version
ui-period = Period
ui-case-number = Case number
ui-agreement-actions = Follow up the agreement
ui-action-payment = Record a payment
ui-action-report = Record a report
ui-action-meeting = Record a meeting
ui-action-decision = Record a decision
ui-action-extension = Record an extension
ui-action-outcome = Record outcome figures
ui-action-calculator = Calculate an exit
ui-action-notice = Give notice
ui-download-calendar = Download the duties to a calendar (.ics)
ui-download-file = Download the agreement as a file (TOML)
ui-warnings-title = To assess
ui-parties = Parties
ui-parties-caption = The parties to the agreement
ui-sector-public = Public party
ui-sector-idea-driven = Idea-driven party
ui-agreement-text = Text of the agreement
ui-section-signatures = Signatures
ui-section-untitled = Opening
ui-money-heading = Money per year and party
ui-money-caption = Commitments per calendar year and party, cash and in kind
ui-money-missing = The amounts cannot be worked out from the agreement.
ui-money-in-appendices = The amounts are set out in the appendices to the agreement.
ui-money-not-stated = The agreement states no amounts.
ui-year-total = Total
ui-total-term = Total for the whole term
ui-at-least = at least { $amount }
ui-terms = Term, extension and termination
ui-term = Term
ui-extension = Extension
ui-extension-times = Can be extended { $times } times by { $length }.
ui-extension-max = At most { $length } in all.
ui-extension-lead = The decision must be taken { $length } before the end of the term.
ui-termination = Ending early
ui-notice-period = Notice period { $length }.
ui-withdrawal-notice = Withdrawal with { $length } notice.
ui-notice-immediate = No notice period.
ui-duties = Duties
ui-duties-none = The agreement gives no dated duties.
ui-from-section = From the section:
ui-record-this = Record that it is done
ui-decisions = Decision trail
ui-decisions-caption = Decisions on the agreement
ui-trail-heading = What the agreement says of the decision
ui-trail-paragraph = Minute paragraph
ui-trail-proposal = Proposed decision
ui-trail-presenters = Presented by
ui-trail-handling = How the meeting handled the matter
ui-trail-basis = Decision basis
ui-trail-minutes = Minutes
ui-trail-memo = Officer's report
ui-trail-alternative = Funding alternative
ui-trail-alternative-figures = { $year } a year, { $total } over { $years } years
ui-trail-proposed = (proposed in the officer's report)
ui-trail-not-applicable = Not relevant
ui-trail-predecessor = Earlier partnership
ui-trail-signatory = Signatory
ui-perspective-legal = Legal basis
ui-perspective-economic = Economic perspective
ui-perspective-children = Child rights perspective
ui-perspective-gender-equality = Gender equality perspective
ui-perspective-rural = Rural and geographic perspective
ui-perspective-climate = Climate and environment perspective
ui-decisions-none = No decisions are recorded.
ui-records = Follow-up
ui-records-caption = What has happened under the agreement
ui-records-none = Nothing is recorded yet.
ui-versions = Versions
ui-changes-caption = Changes in version
ui-saved-version = Version { $n } saved.
ui-saved-record = The record is saved.
ui-purpose = Purpose

## Follow-up forms
ui-form-date = Date
ui-form-date-hint = Write the date as year-month-day, for example 2026-03-31.
ui-form-amount = Amount in kronor
ui-form-amount-hint = For example 600 000 or 37 000.50.
ui-form-paying-party = Party paying
ui-form-obligation = Duty it meets
ui-form-no-obligation = No particular duty
ui-form-file = File (optional)
ui-form-file-hint = PDF, Word, OpenDocument or an image, at most 20 MB.
ui-form-minutes = Minutes (optional)
ui-form-body = Group that met
ui-form-deciding-body = Deciding body
ui-form-case-hint = For example RS 2024/947.
ui-form-new-end = New last day
ui-form-activity = Activity
ui-form-unit = What is counted
ui-form-unit-hint = For example children or parents. Numbers only, never names.
ui-form-count = Number
ui-form-save = Save
ui-form-heading-payment = Record a payment
ui-form-heading-report = Record a report
ui-form-heading-meeting = Record a meeting
ui-form-heading-decision = Record a decision
ui-form-heading-extension = Record an extension
ui-form-heading-outcome = Record outcome figures
ui-form-intro-payment = Say when the payment was made, how much and who paid.
ui-form-intro-report = Say when the report came in and which duty it meets. You can attach the report. Record it again with the status Approved once it has been reviewed.
ui-form-intro-meeting = Say when the meeting was held. You can attach the minutes.
ui-form-intro-decision = Enter the decision as the minutes record it.
ui-form-intro-extension = Say when the extension was decided and the new last day.
ui-form-intro-outcome = Say how many the activity reached. The figures are compared with the agreement's targets.

## Errors in forms
ui-error-summary-title = There is a problem
ui-error-date-missing = Enter a date.
ui-error-date-format = Write the date as year-month-day, for example 2026-03-31.
ui-error-amount-missing = Enter an amount.
ui-error-amount-format = Write the amount in kronor, for example 600 000.
ui-error-body-missing = Enter the body that decided.
ui-error-case-missing = Enter the case number.
ui-error-paragraph-missing = Enter the minute paragraph.
ui-error-unit-missing = Enter what is counted, for example children.
ui-error-count-format = Enter the number as a whole number.
ui-error-ground-missing = Choose a ground.
ui-error-ground-not-provided = The agreement gives no right to end it on that ground.
ui-error-notice-outside-term = The date is outside the agreement's term.
ui-error-unknown-party = Choose one of the parties.
ui-error-incurred-required = Enter the costs actually incurred; they are to be reimbursed.
ui-error-settle-failed = The exit cannot be calculated for this agreement.
ui-error-not-accepted = The record was not accepted.
ui-error-file-title = The file could not be saved
ui-error-file-refused = The record was saved, but the file { $name } was not accepted. Check that it is a PDF, a Word or OpenDocument document or an image.

## Notice and settlement
ui-notice-heading = Give notice on the agreement
ui-notice-intro = Enter the date and the ground. You will see what the notice means before you confirm it.
ui-notice-date = Date the notice is given
ui-notice-ground = Ground
ui-notice-party = Party giving notice
ui-notice-paid = Paid so far in kronor (optional)
ui-notice-paid-hint = Leave empty to count with the payment plan.
ui-notice-incurred = Costs actually incurred in kronor (optional)
ui-notice-incurred-hint = Needed when the agreement says incurred costs are reimbursed.
ui-notice-preview = Show what the notice means
ui-notice-confirm-text = Are the details right? When you confirm, the notice is recorded.
ui-notice-confirm = Confirm the notice
ui-notice-change = Change the details
ui-calc-heading = Calculate an exit
ui-calc-intro = Choose a date and a ground to see when the agreement would end and what that means for the money. Nothing is saved.
ui-calc-submit = Calculate
ui-settle-result = What the exit means
ui-settle-effective-end = The agreement ends
ui-settle-paid = Paid
ui-settle-kept = May be kept
ui-settle-refund = To be repaid
ui-settle-repaying-party = May have to repay
ui-settle-max-claim = Largest possible claim
ui-settle-proposal = Proposal in proportion to time
ui-settle-still-to-pay = Costs still to be reimbursed
ui-settle-repayment = Repayment
ui-settle-not-settled-other-ground = No repayment follows from the clause: it ties the money to another ground than this one.
ui-settle-not-settled-repaying-party-ends = No repayment follows from the clause: the party that may have to repay is the one ending the agreement.
ui-settle-rule = The calculation follows the agreement's terms:

## New agreement
ui-new-title = New agreement
ui-new-intro = Start from a file in iop's format (TOML or JSON). Upload the file or paste the text. The agreement is checked before it is saved, and gets the file's id with a short random ending (linkoping-vi-ses-2022-k3x9qa).
ui-new-file = File with the agreement
ui-new-file-hint = A .toml or .json file.
ui-new-text = Or paste the text
ui-new-text-hint = Used only if you do not upload a file.
ui-new-submit = Check and save
ui-new-error-empty = Choose a file or paste the text.
ui-new-error-read = The form could not be read. Try again.
ui-new-error-utf8 = The file is not a UTF-8 text file.

## Public register
ui-register-title = Public register of idea-driven public partnerships
ui-register-intro = The agreements that have been decided: who the parties are, the period, the money and the purpose. The register is open to everyone.
ui-register-empty = No agreements have been decided yet. Drafts are not shown here.
ui-register-money = Money over the whole term

## Accessibility statement
ui-a11y-title = Accessibility statement
ui-a11y-intro = We want everyone to be able to use this service. This statement describes how it meets the Swedish Act (2018:1937) on accessibility to digital public services, the known gaps and how to report problems.
ui-a11y-status-heading = How accessible is the service?
ui-a11y-status = The service partly meets WCAG 2.1 level AA. The pages work with a keyboard and a screen reader, without JavaScript and on a narrow phone screen.
ui-a11y-gaps-heading = Known gaps
ui-a11y-gap-forms = Agreements with details the forms do not show (such as signatories and contact persons) are changed in their file, not field by field.
ui-a11y-gap-pdf = Downloaded TOML files are not adapted for screen readers.
ui-a11y-gap-text = The agreements' own text is shown as the parties wrote it and is not always plain language.
ui-a11y-how-heading = How we tested
ui-a11y-how = Every page type is tested automatically in Swedish and English with axe-core in the Chromium browser, and the flows can be completed with the keyboard alone.
ui-a11y-report-heading = Report a problem
ui-a11y-report = If you find a problem not described here, contact the municipality or region that runs the service. We answer within two weeks.
ui-a11y-enforcement-heading = Enforcement
ui-a11y-enforcement = The Agency for Digital Government (Digg) enforces the act. If you are not satisfied with how we handle your comments, you can report it to Digg.
ui-a11y-digg-link = Report to Digg
ui-a11y-tested-heading = About this statement
ui-a11y-tested = This statement applies to this version of iop and is updated when the service changes.

## Creating an agreement through forms
ui-nav-new-form = Fill in forms
ui-new-or-form = You can also fill in the agreement section by section.
ui-yes = Yes
ui-no = No
ui-error-percent-format = Write the percentage as a number, for example 2.
ui-error-orgnr = The organisation number must have ten digits, NNNNNN-NNNN, with the right check digit.
ui-settlement-refund-unstarted-months = Money for months not yet started is repaid
ui-settlement-reimburse-incurred-costs = Costs actually incurred are reimbursed
ui-settlement-discretionary-repayment = Money paid may be claimed back in part or in full
ui-settlement-not-stated = Not stated
ui-who-any-party = Any of the parties
ui-who-other-party = The party not at fault
ui-body-steering-group = Steering group
ui-body-cooperation-group = Cooperation group
ui-body-working-group = Working group
ui-body-dialogue = Dialogue without a fixed group
ui-draft-title = New agreement
ui-draft-intro = Fill in the sections in any order. Nothing is saved until you have checked your answers and chosen to save.
ui-draft-done = Done
ui-draft-not-done = Not done
ui-draft-to-check = Check your answers
ui-draft-save-section = Save and go back to the list
ui-draft-more-rows = Add more rows
ui-draft-change = Change
ui-draft-problems = This must be corrected before the agreement can be saved
ui-draft-nothing = Nothing filled in.
ui-draft-check-title = Check your answers before saving
ui-draft-save-heading = Save the agreement
ui-draft-save-text = When you save, this becomes version 1 of the agreement, with the status Draft.
ui-draft-create = Save the agreement
ui-draft-choose-party = Choose a party
ui-draft-section-grund = Basic details
ui-draft-section-parter = Parties
ui-draft-section-syfte = Purpose and target group
ui-draft-section-insatser = Activities
ui-draft-section-ekonomi = Money
ui-draft-section-giltighet = Term
ui-draft-section-uppsagning = Termination
ui-draft-section-styrning = Governance
ui-draft-section-uppfoljning = Follow-up
ui-draft-intro-grund = What the agreement is called.
ui-draft-intro-parter = Every party, in the order the agreement lists them. At least one public and one idea-driven party.
ui-draft-intro-syfte = Why the partnership exists and whom it is for.
ui-draft-intro-insatser = What is to be done.
ui-draft-intro-ekonomi = The budget per calendar year and what each party contributes. The contributions must add up to the budget.
ui-draft-intro-giltighet = When the agreement applies and whether it can be extended.
ui-draft-intro-uppsagning = How the agreement can end early and what then happens to the money.
ui-draft-intro-styrning = Groups that steer and follow up the partnership.
ui-draft-intro-uppfoljning = Reports to be handed in.
ui-draft-group-party = Party { $n }
ui-draft-group-activity = Activity { $n }
ui-draft-group-line = Budget line { $n }
ui-draft-group-contribution = Contribution { $n }
ui-draft-group-body = Group { $n }
ui-draft-group-report = Report { $n }
ui-draft-field-title = Title
ui-draft-field-short-name = Short name (optional)
ui-draft-field-id = Id (optional)
ui-draft-field-case-number = Case number (optional)
ui-draft-field-parties-text = Agreement text about the parties (optional)
ui-draft-field-party-name = Name
ui-draft-field-party-sector = Sector
ui-draft-field-party-org-number = Organisation number
ui-draft-field-party-acting-through = Acting through (committee or office, optional)
ui-draft-field-background = Background
ui-draft-field-purposes = Purpose
ui-draft-field-target-group = Target group
ui-draft-field-values = Shared values (optional)
ui-draft-field-activities-text = Agreement text about the activities (optional)
ui-draft-field-activity-name = Name
ui-draft-field-activity-description = Description (optional)
ui-draft-field-financing-text = Agreement text about the money
ui-draft-field-indexation = Yearly uplift in per cent (optional)
ui-draft-field-line-name = What the cost is for
ui-draft-field-line-amount = Amount per year in kronor
ui-draft-field-contribution-party = Party
ui-draft-field-contribution-kind = Kind of contribution
ui-draft-field-contribution-amount = Amount per year in kronor
ui-draft-field-contribution-at-least = Is the amount a minimum?
ui-draft-field-contribution-description = What it consists of (optional)
ui-draft-field-term-text = Agreement text about the term
ui-draft-field-start = First day
ui-draft-field-end = Last day
ui-draft-field-ext-times = Number of possible extensions (optional)
ui-draft-field-ext-years = Years per extension (optional)
ui-draft-field-ext-lead-months = Decide on extension at least this many months before the end (optional)
ui-draft-field-termination-text = Agreement text about termination
ui-draft-field-grounds = Grounds that give a right to end it
ui-draft-field-by = Who may end it
ui-draft-field-notice-months = Notice period in months (leave empty if it takes effect at once)
ui-draft-field-settlement = What happens to the money
ui-draft-field-governance-text = Agreement text about governance
ui-draft-field-body-name = Name
ui-draft-field-body-kind = Kind of group
ui-draft-field-body-times = Meetings per year
ui-draft-field-follow-up-text = Agreement text about follow-up
ui-draft-field-report-title = What is reported
ui-draft-field-report-kind = Kind of report
ui-draft-field-report-month = Due by month (1–12) of the following year
ui-draft-field-report-day = Due by day of the month
ui-draft-hint-id = Lower-case letters, digits and hyphens, for example linkoping-vi-ses-2022. Leave empty to make it from the title. A new agreement gets a short random ending after it (linkoping-vi-ses-2022-k3x9qa).
ui-draft-hint-org-number = Ten digits, for example 212000-0449.
ui-draft-hint-purposes = One purpose per line.
ui-draft-hint-values = One principle per line.
ui-draft-hint-start = Write the date as year-month-day, for example 2022-01-01.
ui-draft-hint-end = Write the date as year-month-day, for example 2023-12-31.
ui-draft-hint-amount = For example 600 000.
ui-draft-hint-indexation = For example 2 for 2 per cent each new calendar year.

## Outcome figures
ui-outcomes-caption = Outcomes against the agreement's targets
ui-outcome-reported = Reported
ui-outcome-target = Target per year
ui-outcome-about = about { $n }

## Changing an agreement
ui-edit-link = Change the agreement's file
ui-edit-title = Change the agreement
ui-edit-intro = Change the agreement's file and save a new version. The old version stays in the history, and the changes are shown there.
ui-edit-text = The agreement's file (TOML)
ui-edit-text-hint = Everything in the file is checked before the new version is saved.
ui-edit-reason = Reason for the change
ui-edit-reason-hint = Required once the agreement is signed: the change is then an amendment.
ui-edit-reason-missing = Say why the agreement is changed.
ui-edit-submit = Save a new version
ui-edit-at = Line { $line }, character { $col }: { $message }
ui-edit-stale = Someone else saved version { $n } while you were editing. Reload the page and make the change again.

## Appendices
ui-appendices = Appendices
ui-appendices-caption = Appendices to the framework agreement, one per activity and party
ui-appendix = Appendix
ui-appendix-active = In force
ui-appendix-replaced = Replaced
ui-appendix-dropped = Dropped
ui-col-number = Number
ui-col-title = Title
ui-date-note = The date:
ui-date-default-reading = The date is iop's reading. The agreement gives no date.
ui-status-change = New status
ui-status-reason = Reason (optional)
ui-status-submit = Change status
ui-status-refused = The status could not be changed
ui-draft-section-bilagor = Appendices
ui-draft-intro-bilagor = Appendices to a framework agreement: one per activity and party, with its own period. Leave empty if the agreement has no appendices.
ui-draft-group-appendix = Appendix { $n }
ui-draft-field-appendix-title = Title
ui-draft-field-appendix-party = Party carrying out the activity
ui-draft-field-appendix-start = First day (optional)
ui-draft-field-appendix-end = Last day (optional)
ui-contents = Contents
ui-file-download = Download
ui-edit-forms-link = Change the agreement in forms
ui-draft-edit-title = Change the agreement
ui-draft-not-editable = The agreement has details the forms do not show, such as signatories, contact persons or several termination clauses. Change it in its file instead, so that nothing is lost.
ui-draft-save-version-text = When you save, this becomes a new version of the agreement. The old version stays in the history.
ui-dashboard-extension = Decisions on extension within a year
ui-dashboard-none-extension = No decision on extension is due in the coming year.
ui-dashboard-extension-caption = Last day to decide on an extension
ui-print = Print or save as PDF
ui-list-next = Next page
ui-nav-new-document = New agreement from a document
ui-new-or-document = Read an existing agreement from Word, ODT, PDF or text and check the proposal.
ui-import-title = New agreement from a document
ui-import-intro = Upload the agreement as a document. iop reads its text and proposes the agreement's details, each with the words it came from. You check the proposal section by section before anything is saved.
ui-import-file = Document
ui-import-file-hint = Word (.docx), OpenDocument (.odt), PDF with text, or text (.txt, .md). At most 20 MiB.
ui-import-submit = Read the document
ui-import-choose = Choose a document to read
ui-import-place = p. { $page }, line { $line }
ui-import-review-title = Review the proposal
ui-import-review-intro = The document's text stands beside the details iop found. Each detail links to its words in the text. Details marked Check are guesses. Nothing is saved yet.
ui-import-document = Document
ui-import-pages = Pages
ui-import-guesses = Guesses to check
ui-import-facts-title = Proposed details
ui-import-text-title = The document's text
ui-import-confirm-title = Check and save
ui-import-problems-title = This must be corrected before the agreement can be saved
ui-import-confirm = Check
ui-import-notes = Text that was not read (kept as notes)
ui-import-confirm-text = The proposal fills in the forms for a new agreement. Go through the sections, correct and save each; the last page saves version 1 with the document attached.
ui-import-start = Check section by section
ui-import-other = Read another document
ui-import-tasks-intro = The forms are filled in with the proposal from the document. Check and save each section.
ui-import-back-to-review = Back to the document and the proposal
ui-import-source-title = From the document
ui-new-tab = opens in a new tab
ui-import-expired = The document is no longer kept for review (it is kept for two hours). Upload it again.
ui-import-source = Read from the document
ui-draft-notes = Notes
ui-draft-notes-text = Text from the document that no form has a field for. It is saved as notes in the agreement.
