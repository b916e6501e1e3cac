//! The compiled release, by the merging specification of OCDS 1.1 (the
//! reference implementation is the OCP's `ocdsmerge`): releases in date
//! order; `id`, `date` and `tag` discarded; objects merged field by field,
//! `null` removes a field; arrays of objects merged by `id` unless the
//! schema asks for a whole-list merge; any other array replaced.

use serde_json::{Map, Value, json};

use super::{Release, timestamp_text};

/// Arrays the 1.1 schema merges as a whole (`wholeListMerge`, or items
/// without an `id`).
const WHOLE_LIST: &[&str] = &[
    "additionalIdentifiers",
    "additionalClassifications",
    "changes",
];

/// The compiled release of one process; `None` without releases.
/// `releases` may come in any order: they are sorted by date, then id.
pub fn compile(releases: &[Release]) -> Option<Value> {
    let mut sorted: Vec<&Release> = releases.iter().collect();
    sorted.sort_by(|x, y| (x.date, &x.id).cmp(&(y.date, &y.id)));
    let last = sorted.last()?;
    let mut out = Map::new();
    for r in &sorted {
        if let Value::Object(fields) = &r.json {
            for (key, value) in fields {
                if matches!(key.as_str(), "id" | "date" | "tag") {
                    continue;
                }
                merge_field(&mut out, key, value);
            }
        }
    }
    let date = timestamp_text(last.date);
    out.insert("id".into(), json!(format!("{}-{date}", last.ocid)));
    out.insert("date".into(), json!(date));
    out.insert("tag".into(), json!(["compiled"]));
    Some(Value::Object(out))
}

fn merge_field(out: &mut Map<String, Value>, key: &str, input: &Value) {
    if input.is_null() {
        out.remove(key);
        return;
    }
    match out.get_mut(key) {
        Some(existing) => merge_value(existing, key, input),
        None => {
            let mut fresh = Value::Null;
            merge_value(&mut fresh, key, input);
            out.insert(key.to_owned(), fresh);
        }
    }
}

fn merge_value(output: &mut Value, key: &str, input: &Value) {
    match input {
        Value::Object(fields) => {
            if !output.is_object() {
                *output = Value::Object(Map::new());
            }
            if let Value::Object(out) = output {
                for (k, v) in fields {
                    merge_field(out, k, v);
                }
            }
        }
        Value::Array(items) if by_id(key, items) => {
            if !output.is_array() {
                *output = Value::Array(Vec::new());
            }
            if let Value::Array(out) = output {
                for item in items {
                    let id = item.get("id");
                    match out.iter_mut().find(|o| o.get("id") == id) {
                        Some(existing) => merge_value(existing, "", item),
                        None => {
                            let mut fresh = Value::Null;
                            merge_value(&mut fresh, "", item);
                            out.push(fresh);
                        }
                    }
                }
            }
        }
        literal => *output = strip_nulls(literal),
    }
}

/// An array of objects that all have an `id`, outside the whole-list fields.
fn by_id(key: &str, items: &[Value]) -> bool {
    !WHOLE_LIST.contains(&key)
        && !items.is_empty()
        && items
            .iter()
            .all(|i| i.get("id").is_some_and(|id| !id.is_null()))
}

/// A literal taken whole still drops `null` fields inside objects.
fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn release(id: &str, second: i64, json: Value) -> Release {
        Release {
            ocid: "ocds-abc123-x".into(),
            id: id.into(),
            date: Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH),
            json,
        }
    }

    #[test]
    fn merges_by_the_specification() {
        let first = release(
            "a",
            10,
            json!({"ocid": "ocds-abc123-x", "id": "a", "tag": ["contract"], "title": "old",
                   "remove": 1, "roles": ["buyer"],
                   "contracts": [{"id": "c", "title": "t", "milestones": [{"id": "m1", "status": "scheduled"}]}],
                   "parties": [{"id": "p", "additionalIdentifiers": [{"id": "1"}, {"id": "2"}]}]}),
        );
        let second = release(
            "b",
            20,
            json!({"ocid": "ocds-abc123-x", "id": "b", "tag": ["implementation"], "title": "new",
                   "remove": null, "roles": ["payer"],
                   "contracts": [{"id": "c", "milestones": [{"id": "m1", "status": "met"}, {"id": "m2"}]}],
                   "parties": [{"id": "p", "additionalIdentifiers": [{"id": "3"}]}]}),
        );
        // Order of the input does not matter: dates decide.
        let compiled = compile(&[second, first]);
        let want = json!({
            "ocid": "ocds-abc123-x", "id": "ocds-abc123-x-1970-01-01T00:00:20Z",
            "date": "1970-01-01T00:00:20Z", "tag": ["compiled"], "title": "new", "roles": ["payer"],
            "contracts": [{"id": "c", "title": "t", "milestones": [{"id": "m1", "status": "met"}, {"id": "m2"}]}],
            "parties": [{"id": "p", "additionalIdentifiers": [{"id": "3"}]}],
        });
        assert_eq!(compiled, Some(want));
    }
}
