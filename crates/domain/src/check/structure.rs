//! Parties, required sections, governance, follow-up and the decision trail
//! (checks 1, 2, 6, 7, 8 and 10 of domain.md).

use crate::Agreement;
use crate::diagnostic::{Diagnostic, FieldPath};
use crate::model::{SectionKind, Sector};
use crate::path;
use crate::value::EntityGroup;

pub(super) fn check(a: &Agreement, out: &mut Vec<Diagnostic>) {
    party_sectors(a, out);
    org_number_sectors(a, out);
    required_sections(a, out);
    governance_and_follow_up(a, out);
    decision_before_signing(a, out);
    if a.replaces_procured_service {
        out.push(Diagnostic::warning("procured-service").at(path!["replaces_procured_service"]));
    }
}

/// Check 1: At least one public and one idea-driven party.
fn party_sectors(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let count = |s: Sector| a.parties.iter().filter(|p| p.sector == s).count();
    let (public, idea) = (count(Sector::Public), count(Sector::IdeaDriven));
    if public == 0 || idea == 0 {
        out.push(
            Diagnostic::error("party-sectors")
                .arg("public", public)
                .arg("idea", idea)
                .at(path!["parties"]),
        );
    }
}

/// Check 2: the org number's check digit (an error, kept as written), and
/// whether its first digit fits the party's sector (a warning).
fn org_number_sectors(a: &Agreement, out: &mut Vec<Diagnostic>) {
    for (i, party) in a.parties.iter().enumerate() {
        let Some(number) = party.org_number else {
            continue;
        };
        if let Some(expected) = number.wrong_check_digit() {
            out.push(
                Diagnostic::error("orgnr-checksum")
                    .arg("value", number)
                    .arg("expected", expected)
                    .at(path!["parties", i, "org_number"]),
            );
        }
        let fits = match party.sector {
            Sector::Public => number.group() == EntityGroup::PublicBody,
            Sector::IdeaDriven => {
                matches!(
                    number.group(),
                    EntityGroup::NonProfit | EntityGroup::EconomicAssociation
                )
            }
        };
        if !fits {
            let sector = match party.sector {
                Sector::Public => "@sector-public",
                Sector::IdeaDriven => "@sector-idea-driven",
            };
            let digit = number.to_string().chars().next().unwrap_or('?');
            out.push(
                Diagnostic::warning("orgnr-sector")
                    .arg("value", number)
                    .arg("digit", digit)
                    .arg("sector", sector)
                    .at(path!["parties", i, "org_number"]),
            );
        }
    }
}

/// Check 7: Required sections, each present as structured data or as text.
fn required_sections(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let has_text = |kind: SectionKind| {
        a.sections
            .iter()
            .any(|s| (s.kind == kind || s.also.contains(&kind)) && !s.text.trim().is_empty())
    };
    let required: [(&str, bool, FieldPath); 8] = [
        ("@section-parties", !a.parties.is_empty(), path!["parties"]),
        (
            "@section-background",
            has_text(SectionKind::Background),
            path!["sections"],
        ),
        (
            "@section-purpose",
            !a.purposes.is_empty() || has_text(SectionKind::Purpose),
            path!["purposes"],
        ),
        (
            "@section-target-group",
            !a.target_groups.is_empty() || has_text(SectionKind::TargetGroup),
            path!["target_groups"],
        ),
        (
            "@section-activities",
            !a.activities.is_empty() || has_text(SectionKind::Activities),
            path!["activities"],
        ),
        (
            "@section-financing",
            a.financing.is_some(),
            path!["financing"],
        ),
        (
            "@section-follow-up",
            has_follow_up(a) || has_text(SectionKind::FollowUp),
            path!["reporting"],
        ),
        (
            "@section-termination",
            !a.termination.is_empty() || has_text(SectionKind::Termination),
            path!["termination"],
        ),
    ];
    for (section, present, at) in required {
        if !present {
            out.push(
                Diagnostic::error("section-missing")
                    .arg("section", section)
                    .at(at),
            );
        }
    }
    if a.renegotiation.is_none() && a.dispute.is_none() {
        out.push(Diagnostic::warning("dispute-missing").at(path!["dispute"]));
    }
}

/// Check 8: A formal body with members from both sectors, and a follow-up duty.
fn governance_and_follow_up(a: &Agreement, out: &mut Vec<Diagnostic>) {
    let sector_of =
        |id: &crate::value::Id| a.parties.iter().find(|p| &p.id == id).map(|p| p.sector);
    let joint = a
        .governance
        .iter()
        .filter(|b| b.kind.is_formal() && !b.optional)
        .any(|b| {
            let sectors: Vec<Sector> = b
                .members
                .iter()
                .filter_map(|m| m.party.as_ref().and_then(sector_of))
                .collect();
            sectors.contains(&Sector::Public) && sectors.contains(&Sector::IdeaDriven)
        });
    if !joint {
        out.push(Diagnostic::warning("no-joint-governance").at(path!["governance"]));
    }
    if !has_follow_up(a) {
        out.push(Diagnostic::warning("no-follow-up").at(path!["reporting"]));
    }
}

/// A report is owed: the framework's own, or one of an appendix that has
/// not ended. A framework may leave its follow-up to the appendices (seed
/// 004: "financial follow-up per appendix"), and an appendix is part of
/// the agreement, so its reports follow the partnership up as well as
/// the framework's would. A replaced or dropped appendix's reports follow
/// up nothing that still runs.
fn has_follow_up(a: &Agreement) -> bool {
    !a.reporting.is_empty()
        || a.appendices
            .iter()
            .any(|ap| !ap.status.has_ended() && !ap.reporting.is_empty())
}

/// Check 10: A decision trail exists before the agreement is marked signed.
fn decision_before_signing(a: &Agreement, out: &mut Vec<Diagnostic>) {
    if !a.status.is_signed_or_later() {
        return;
    }
    let complete = a.decision_trail.as_ref().is_some_and(|t| {
        !t.case_number.trim().is_empty() && t.decisions.iter().any(|d| !d.body.trim().is_empty())
    });
    if !complete {
        let status = match a.status {
            crate::model::Status::Signed => "@status-signed",
            crate::model::Status::Active => "@status-active",
            crate::model::Status::Ended => "@status-ended",
            _ => "@status-terminated",
        };
        out.push(
            Diagnostic::error("decision-missing")
                .arg("status", status)
                .at(path!["status"]),
        );
    }
}
