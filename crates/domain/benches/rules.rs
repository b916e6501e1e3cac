//! Schedule + obligations for 100 000 generated agreements of the seeds'
//! shapes. Target (issue 3): at least 100 000 agreements per second on one core.
//!
//! Run: `cargo bench -p domain --bench rules`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use domain::generate::portfolio;
use domain::rules::obligations::{ObligationOptions, obligations_with};
use domain::rules::schedule::{ScheduleOptions, schedule};

const COUNT: usize = 100_000;

fn rules(c: &mut Criterion) {
    let Some(agreements) = portfolio(COUNT, 2026) else {
        eprintln!("the seed examples do not parse");
        return;
    };
    let mut group = c.benchmark_group("rules");
    group.throughput(Throughput::Elements(COUNT as u64));
    group.sample_size(10);
    group.bench_function("schedule+obligations/100k", |b| {
        b.iter(|| {
            let mut items = 0usize;
            for a in &agreements {
                let money = schedule(a, ScheduleOptions::default()).ok();
                items += money.as_ref().map_or(0, |s| s.years.len());
                if let Ok(o) = obligations_with(a, money.as_ref(), ObligationOptions::default()) {
                    items += o.len();
                }
            }
            black_box(items)
        })
    });
    group.finish();
}

criterion_group!(benches, rules);
criterion_main!(benches);
