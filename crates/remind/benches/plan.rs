//! Planning one day's reminders for 100 000 generated agreements, each with
//! an official and a partner representative, from duties computed beforehand
//! (computing the duties is measured in domain's `rules` bench). Target
//! (issue 16): the whole portfolio in under 1 s on one core.
//!
//! Run: `cargo bench -p remind --bench plan`

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use domain::generate::portfolio;
use domain::model::Status;
use remind::{AgreementDuties, Recipient, Role, Settings, plan};

const COUNT: usize = 100_000;

fn person(id: &str, role: Role, party: String) -> Recipient {
    Recipient {
        id: id.into(),
        address: format!("{id}@example.se"),
        name: id.into(),
        parties: vec![party],
        settings: Settings::for_role(role),
    }
}

fn bench(c: &mut Criterion) {
    let Some(agreements) = portfolio(COUNT, 2026) else {
        eprintln!("the seed examples do not parse");
        return;
    };
    let portfolio: Vec<(AgreementDuties, [Recipient; 2])> = agreements
        .iter()
        .filter_map(|a| {
            let mut duties = AgreementDuties::from_agreement(a).ok()?;
            duties.status = Status::Active;
            let party = |i: usize| duties.parties.get(i).map(|p| p.id.clone());
            let people = [
                person("official", Role::Official, party(0).unwrap_or_default()),
                person("partner", Role::Partner, party(1).unwrap_or_default()),
            ];
            Some((duties, people))
        })
        .collect();
    let Ok(day) = "2027-03-31".parse() else {
        return;
    };
    let met = HashMap::new();
    let mut group = c.benchmark_group("remind");
    group.throughput(Throughput::Elements(COUNT as u64));
    group.sample_size(10);
    group.bench_function("plan-one-day/100k", |b| {
        b.iter(|| {
            let n: usize = portfolio
                .iter()
                .map(|(a, people)| plan(day, a, &met, people).len())
                .sum();
            black_box(n)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
