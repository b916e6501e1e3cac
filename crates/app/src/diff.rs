//! Field-by-field comparison of two versions of an agreement.

use serde::Serialize;
use serde_json::Value;

/// One field that differs: its path (as in the file, `financing.contributions[1].amount`),
/// the value before and after (`None`: absent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub path: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// The fields that differ between two documents, in document order.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    walk(String::new(), Some(before), Some(after), &mut out);
    out
}

fn walk(path: String, before: Option<&Value>, after: Option<&Value>, out: &mut Vec<Change>) {
    match (before, after) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().collect();
            keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
            for key in keys {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(child, a.get(key), b.get(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                walk(format!("{path}[{i}]"), a.get(i), b.get(i), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Change {
            path,
            before: a.cloned(),
            after: b.cloned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_each_changed_field() {
        let a = json!({"title": "A", "financing": {"contributions": [{"amount": "1"}, {"amount": "2"}]}, "gone": 1});
        let b = json!({"title": "A", "financing": {"contributions": [{"amount": "1"}, {"amount": "3"}, {"amount": "4"}]}, "new": true});
        let paths: Vec<(String, Option<Value>, Option<Value>)> = diff(&a, &b)
            .into_iter()
            .map(|c| (c.path, c.before, c.after))
            .collect();
        assert_eq!(
            paths,
            vec![
                (
                    "financing.contributions[1].amount".into(),
                    Some(json!("2")),
                    Some(json!("3"))
                ),
                (
                    "financing.contributions[2]".into(),
                    None,
                    Some(json!({"amount": "4"}))
                ),
                ("gone".into(), Some(json!(1)), None),
                ("new".into(), None, Some(json!(true))),
            ]
        );
        assert!(diff(&a, &a).is_empty());
    }
}
