//! A thin pull parser over quick-xml: local element names, attributes by
//! local name, and text with entity references resolved.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::ImportError;

pub(super) enum Xml {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
    },
    End {
        name: String,
    },
    Text(String),
}

pub(super) struct Pull<'a> {
    reader: Reader<&'a [u8]>,
    part: &'static str,
}

fn local(name: &[u8]) -> String {
    let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
    String::from_utf8_lossy(local).into_owned()
}

fn attributes(e: &BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .with_checks(false)
        .filter_map(Result::ok)
        .map(|a| {
            let value = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (local(a.key.as_ref()), value)
        })
        .collect()
}

impl<'a> Pull<'a> {
    pub(super) fn new(bytes: &'a [u8], part: &'static str) -> Self {
        let mut reader = Reader::from_reader(bytes);
        reader.config_mut().expand_empty_elements = true;
        Pull { reader, part }
    }

    /// The next event, `None` at the end of the part.
    pub(super) fn next(&mut self) -> Result<Option<Xml>, ImportError> {
        loop {
            let event = self.reader.read_event().map_err(|e| ImportError::Corrupt {
                reason: format!("{}: {e}", self.part),
            })?;
            return Ok(Some(match event {
                Event::Start(e) => Xml::Start {
                    name: local(e.name().as_ref()),
                    attrs: attributes(&e),
                },
                Event::End(e) => Xml::End {
                    name: local(e.name().as_ref()),
                },
                Event::Text(t) => Xml::Text(
                    t.decode()
                        .map(|c| c.into_owned())
                        .unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned()),
                ),
                Event::CData(t) => Xml::Text(String::from_utf8_lossy(&t).into_owned()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => match &*r {
                            b"amp" => "&".into(),
                            b"lt" => "<".into(),
                            b"gt" => ">".into(),
                            b"quot" => "\"".into(),
                            b"apos" => "'".into(),
                            _ => String::new(),
                        },
                    };
                    Xml::Text(resolved)
                }
                Event::Eof => return Ok(None),
                _ => continue,
            }));
        }
    }
}

pub(super) fn attr<'v>(attrs: &'v [(String, String)], name: &str) -> Option<&'v str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
