//! Importing agreement documents through the server: `POST /api/v1/imports`
//! with real files of each kind, the refusals, and the web flow from the
//! upload to version 1 with the document attached. Expected values are read
//! by hand from the fixtures' text.

use std::path::PathBuf;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::support::*;

fn fixture(name: &str) -> Vec<u8> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../import/tests");
    let path = ["fixtures", "texts"]
        .iter()
        .map(|dir| root.join(dir).join(name))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no fixture {name}"));
    std::fs::read(path).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A request with a body of bytes (a document is not UTF-8 text).
fn send_bytes(url: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Reply {
    // A body over the server's limit may be answered before it is all sent.
    if body.len() > 20 * 1024 * 1024 {
        return post_while_reading(url, headers, body);
    }
    let mut request = ureq::http::Request::builder().method("POST").uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = agent().run(request.body(body).unwrap()).unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect(),
        body: response.into_body().read_to_string().unwrap_or_default(),
    }
}

/// A document posted to the API as `user` (None: nobody signed in).
fn propose(s: &Server, user: Option<&str>, query: &str, kind: &str, body: Vec<u8>) -> Reply {
    let bearer = user.map(|u| format!("Bearer {}", s.token(u)));
    let mut headers = vec![("Content-Type", kind)];
    if let Some(b) = &bearer {
        headers.push(("Authorization", b));
    }
    send_bytes(&s.url(&format!("/api/v1/imports{query}")), &headers, body)
}

/// A form upload of one file in the field `file`.
fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "dokumentgrans7f3a";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// The value proposed for `field`, with its fact.
fn fact<'a>(answer: &'a Value, field: &str) -> &'a Value {
    answer["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == field)
        .unwrap_or_else(|| panic!("no fact {field} in {answer:#}"))
}

/// Every fact has a place in the document, a confidence and a rule.
fn every_fact_has_its_source(answer: &Value) {
    let facts = answer["facts"].as_array().unwrap();
    assert!(facts.len() >= 5, "{answer:#}");
    for f in facts {
        assert!(f["span"]["page"].as_u64().unwrap() >= 1, "{f}");
        assert!(f["span"]["line"].as_u64().unwrap() >= 1, "{f}");
        assert!(f["span"]["column"].as_u64().unwrap() >= 1, "{f}");
        assert!(
            ["certain", "likely", "guess"].contains(&f["confidence"].as_str().unwrap()),
            "{f}"
        );
        assert!(!f["rule"].as_str().unwrap().is_empty(), "{f}");
    }
    assert!(answer["checks"].is_array() && answer["notes"].is_array());
}

fn agreement_ids(s: &Server) -> Vec<String> {
    let list = get(s, "/api/v1/agreements").json();
    list.as_array()
        .map(|l| l.iter().map(|a| a["id"].to_string()).collect())
        .unwrap_or_default()
}

fn stored_files(s: &Server) -> usize {
    std::fs::read_dir(files_dir(&s.db)).map_or(0, |d| d.count())
}

on_both!(the_api_proposes_from_every_kind_of_document, |backend| {
    let db = fresh_database(backend, "import_api");
    let s = Server::start(&db, &[]);
    let before = (agreement_ids(&s), stored_files(&s));
    // (file, type sent, query, title, a party's org number, term start, end)
    let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let cases = [
        ("stod.docx", docx, ""),
        (
            "stod.odt",
            "application/vnd.oasis.opendocument.text",
            "?name=stod.odt",
        ),
        ("stod.md", "text/plain", "?name=stod.md"),
        ("sommar.pdf", "application/pdf", ""),
        ("01-tre-parter.txt", "text/plain", ""),
    ];
    for (file, kind, query) in cases {
        let bytes = fixture(file);
        let reply = propose(&s, Some("anna"), query, kind, bytes.clone());
        assert_eq!(reply.status, 200, "{file}: {}", reply.body);
        let answer = reply.json();
        every_fact_has_its_source(&answer);
        assert_eq!(answer["file"]["sha256"], sha256(&bytes), "{file}");
        assert_eq!(answer["file"]["size"], bytes.len(), "{file}");
        let (start, end, number) = match file {
            "sommar.pdf" => ("2026-06-01", "2027-05-31", None),
            "01-tre-parter.txt" => ("2025-07-01", "2028-06-30", Some("802437-8807")),
            _ => ("2026-08-01", "2028-07-31", Some("212000-0142")),
        };
        assert_eq!(fact(&answer, "term.start")["value"], start, "{file}");
        assert_eq!(fact(&answer, "term.end")["value"], end, "{file}");
        assert_eq!(answer["agreement"]["term"]["start"], start, "{file}");
        let parties = answer["agreement"]["parties"].as_array().unwrap();
        assert!(parties.len() >= 2, "{file}: {parties:?}");
        if let Some(number) = number {
            assert!(
                parties.iter().any(|p| p["org_number"] == number),
                "{file}: {parties:?}"
            );
            let quoted =
                answer["facts"].as_array().unwrap().iter().any(|f| {
                    f["value"] == number && !f["span"]["quote"].as_str().unwrap().is_empty()
                });
            assert!(quoted, "{file}: the org number's words");
        }
        if file.ends_with(".pdf") {
            assert_eq!(answer["file"]["content_type"], "application/pdf");
            assert!(parties.iter().any(|p| p["name"] == "Söderby kommun"));
        }
    }
    // The same document as a form upload.
    let (kind, body) = multipart("stod.docx", &fixture("stod.docx"));
    let reply = propose(&s, Some("anna"), "", &kind, body);
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["file"]["name"], "stod.docx");
    // Nothing was stored.
    assert_eq!((agreement_ids(&s), stored_files(&s)), before);
});

/// What was sent (what, type, query, body) and the answer expected
/// (status, the end of the problem's type).
type Refusal<'a> = (&'a str, &'a str, &'a str, Vec<u8>, u16, &'a str);

on_both!(bad_documents_are_refused_by_name, |backend| {
    let db = fresh_database(backend, "import_refused");
    let s = Server::start(&db, &[]);
    let before = (agreement_ids(&s), stored_files(&s));
    let text = fixture("stod.md");
    let mut broken_zip = b"PK\x03\x04".to_vec();
    broken_zip.extend_from_slice(&[0x14; 200]);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 500]);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let too_big = vec![b'a'; 21 * 1024 * 1024];
    let cases: Vec<Refusal> = vec![
        ("empty", "text/plain", "", Vec::new(), 422, "document-empty"),
        (
            "a damaged zip",
            "application/octet-stream",
            "?name=avtal.docx",
            broken_zip,
            422,
            "document-unreadable",
        ),
        (
            "a password-protected .docx",
            "application/octet-stream",
            "?name=avtal.docx",
            ole,
            422,
            "document-encrypted",
        ),
        (
            "a picture by name",
            "application/octet-stream",
            "?name=bild.png",
            png.clone(),
            415,
            "document-type",
        ),
        (
            "a picture by type",
            "image/png",
            "",
            png,
            415,
            "document-type",
        ),
        (
            "no agreement",
            "text/plain",
            "",
            b"Hej! Vi ses i morgon.".to_vec(),
            422,
            "no-agreement",
        ),
        ("too big", "text/plain", "", too_big, 413, "too-large"),
    ];
    for (what, kind, query, body, status, problem) in cases {
        let reply = propose(&s, Some("anna"), query, kind, body);
        assert_eq!(reply.status, status, "{what}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json"),
            "{what}"
        );
        let answer = reply.json();
        assert!(
            answer["type"].as_str().unwrap().ends_with(problem),
            "{what}: {answer}"
        );
        assert!(!answer["detail"].as_str().unwrap().is_empty(), "{what}");
    }
    // Who may: an official (any organisation); not a partner nor a reader.
    for (user, status) in [(None, 401), (Some("petra"), 403), (Some("rut"), 403)] {
        let reply = propose(&s, user, "?name=stod.md", "text/plain", text.clone());
        assert_eq!(reply.status, status, "{user:?}: {}", reply.body);
    }
    assert_eq!((agreement_ids(&s), stored_files(&s)), before);
});

/// Anna is an official of the fixture's municipality too.
fn norrby(db: &str) {
    official_of(db, "212000-0142", "Norrby kommun");
}

/// Make Anna an official of one more organisation.
fn official_of(db: &str, org: &str, name: &str) {
    iop(
        db,
        &[
            "user",
            "grant",
            "anna",
            "--org",
            org,
            "--role",
            "official",
            "--org-name",
            name,
        ],
        None,
    );
}

/// The value of a hidden field in a page (HTML-escaped as askama writes it).
fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {name}")) + marker.len();
    let end = start + page[start..].find('"').unwrap();
    unescape(&page[start..end])
}

/// A URL-encoded form.
fn form(fields: &[(&str, &str)]) -> String {
    let encode = |v: &str| -> String {
        v.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Upload a document in a signed-in session: the review page's path.
pub(crate) fn upload(s: &Server, session: &Session, name: &str, bytes: &[u8]) -> Reply {
    let (kind, body) = multipart(name, bytes);
    let cookie = format!("iop_session={}", session.cookie);
    let url = s.url(&format!("/avtal/ny/dokument?csrf_token={}", session.csrf));
    send_bytes(
        &url,
        &[
            ("Cookie", &cookie),
            ("Origin", &s.base),
            ("Content-Type", &kind),
        ],
        body,
    )
}

on_both!(
    a_document_becomes_version_1_with_the_document_attached,
    |backend| {
        let db = prepared_database(backend, "import_flow", "norrby", norrby);
        let s = Server::start(&db, &[]);
        let anna = s.sign_in("anna");
        let before = (agreement_ids(&s), stored_files(&s));
        let bytes = fixture("stod.docx");
        let form_page = s.send_in(&anna, "GET", "/avtal/ny/dokument", &[], None);
        assert_eq!(form_page.status, 200);
        assert!(form_page.body.contains("accept=\".docx,.odt,.pdf,.txt,.md"));
        // A bad file: the form again, with an error summary; nothing kept.
        let bad = upload(&s, &anna, "avtal.docx", b"PK\x03\x04trasig");
        assert_eq!(bad.status, 422, "{}", bad.body);
        assert!(bad.body.contains("error-summary") && bad.body.contains("href=\"#file\""));
        assert!(bad.body.contains("<title>Fel: "));
        let empty = upload(&s, &anna, "", b"");
        assert_eq!(empty.status, 422);
        let picture = upload(&s, &anna, "bild.png", b"\x89PNG\r\n\x1a\n");
        assert_eq!(picture.status, 415);
        assert!(picture.body.contains("error-summary"));
        let too_big = upload(&s, &anna, "stor.txt", &vec![b'a'; 21 * 1024 * 1024]);
        assert_eq!(too_big.status, 413);
        assert!(too_big.body.contains("20 MiB"), "{}", too_big.body);
        // A form without the session's CSRF token is refused.
        let (kind, body) = multipart("stöd.docx", &bytes);
        let cookie = format!("iop_session={}", anna.cookie);
        let headers = [
            ("Cookie", cookie.as_str()),
            ("Origin", s.base.as_str()),
            ("Content-Type", kind.as_str()),
        ];
        let forged = send_bytes(&s.url("/avtal/ny/dokument"), &headers, body);
        assert_eq!(forged.status, 403);
        // The document: to its review.
        let sent = upload(&s, &anna, "stöd.docx", &bytes);
        assert_eq!(sent.status, 303, "{}", sent.body);
        let review_path = sent.header("location").unwrap().to_owned();
        let review = s.send_in(&anna, "GET", &review_path, &[], None);
        assert_eq!(review.status, 200, "{}", review.body);
        assert!(review.body.contains("Överenskommelse om läxhjälp i Norrby"));
        // Every fact links to words that are on the page.
        let links: Vec<&str> = review
            .body
            .split("href=\"#k-")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert!(links.len() >= 5, "{}", review.body);
        for k in &links {
            assert!(
                review.body.contains(&format!("<mark id=\"k-{k}\"")),
                "k-{k}"
            );
        }
        let marked = review
            .body
            .split("<mark ")
            .skip(1)
            .any(|m| m.split("</mark>").next().unwrap().contains("212000-0142"));
        assert!(marked, "the org number's words are highlighted");
        // Another official does not see it.
        let bertil = s.sign_in("bertil");
        assert_eq!(
            s.send_in(&bertil, "GET", &review_path, &[], None).status,
            404
        );
        // Nothing is stored before the confirmation.
        assert_eq!((agreement_ids(&s), stored_files(&s)), before);
        confirm_and_save(&s, &anna, &review.body, &bytes);
        // The document is no longer waiting.
        assert_eq!(s.send_in(&anna, "GET", &review_path, &[], None).status, 404);
    }
);

/// A form field's attribute in a tag (`name="…"`), unescaped.
fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What a section page's form would send as it stands, as a browser reads
/// it: text fields, text areas, the chosen option of each list, ticked boxes.
fn form_values(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tag in page.split("<input ").skip(1) {
        let tag = tag.split('>').next().unwrap();
        let kind = attr(tag, "type").unwrap_or_default();
        let ticked = kind != "checkbox" || tag.contains(" checked");
        if let (Some(name), true) = (attr(tag, "name"), ticked && kind != "hidden") {
            out.push((name, attr(tag, "value").unwrap_or_default()));
        }
    }
    for area in page.split("<textarea ").skip(1) {
        let (tag, rest) = area.split_once('>').unwrap();
        let text = rest.split("</textarea>").next().unwrap();
        out.push((attr(tag, "name").unwrap(), unescape(text)));
    }
    for list in page.split("<select ").skip(1) {
        let (tag, rest) = list.split_once('>').unwrap();
        let options = rest.split("</select>").next().unwrap();
        let chosen = options
            .split("<option ")
            .find(|o| o.contains(" selected"))
            .and_then(|o| attr(&format!(" {o}"), "value"))
            .unwrap_or_default();
        out.push((attr(tag, "name").unwrap(), chosen));
    }
    out
}

/// A form posted to the wizard in a session.
type Post<'a> = dyn Fn(&[(&str, &str)]) -> Reply + 'a;

/// Open a section, change some of its fields, and save it: the task list.
fn correct(post: &Post, tasks: &str, slug: &str, changes: &[(&str, &str)]) -> String {
    let csrf = hidden(tasks, "csrf_token");
    let page = post(&[
        ("csrf_token", &csrf),
        ("draft", &hidden(tasks, "draft")),
        ("action", slug),
    ]);
    assert_eq!(page.status, 200, "{}", page.body);
    // The section shows where its values came from (a section the
    // document said nothing of has none).
    if slug == "grund" {
        assert!(page.body.contains("source-panel"), "{}", page.body);
    }
    let draft = hidden(&page.body, "draft");
    let mut fields: Vec<(String, String)> = form_values(&page.body)
        .into_iter()
        .filter(|(name, _)| !changes.iter().any(|(n, _)| n == name))
        .collect();
    fields.extend(
        changes
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned())),
    );
    let mut sent: Vec<(&str, &str)> = vec![
        ("csrf_token", &csrf),
        ("draft", &draft),
        ("section", slug),
        ("action", "save"),
    ];
    sent.extend(fields.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let saved = post(&sent);
    assert_eq!(saved.status, 200, "{slug}: {}", saved.body);
    assert!(
        saved.body.contains(&format!("id=\"task-{slug}\"")),
        "{slug}: {}",
        saved.body
    );
    saved.body
}

/// Through the wizard's forms: correct the title and write the sections the
/// document lacks, check, save.
fn confirm_and_save(s: &Server, anna: &Session, review: &str, bytes: &[u8]) {
    let post = |fields: &[(&str, &str)]| to_the_wizard(s, anna, fields);
    let csrf = anna.csrf.as_str();
    let tasks = to_the_tasks(&post, csrf, review);
    let title = "Läxhjälp i Norrby 2026–2028";
    let mut page = tasks.body;
    let sections: [(&str, &[(&str, &str)]); 5] = [
        ("grund", &[("title", title), ("id", "laxhjalp-norrby")]),
        (
            "syfte",
            &[
                ("background", "Många elever saknar stöd med läxorna hemma."),
                ("target_group", "Elever i årskurs 4–9 i Norrby."),
            ],
        ),
        (
            "insatser",
            &[(
                "activities_text",
                "Läxhjälp två kvällar i veckan i skolans lokaler.",
            )],
        ),
        (
            "uppsagning",
            &[(
                "termination_text",
                "Överenskommelsen kan sägas upp med sex månaders uppsägningstid.",
            )],
        ),
        (
            "uppfoljning",
            &[(
                "follow_up_text",
                "Föreningen rapporterar årligen senast 31 mars.",
            )],
        ),
    ];
    for (slug, changes) in sections {
        page = correct(&post, &page, slug, changes);
    }
    let saved_section = to_the_check(&post, csrf, &page);
    let id = save_checked(&post, csrf, &saved_section.body);
    saved_with_its_document(s, anna, &id, title, bytes);
}

/// From the task list to the check page, which names no problem.
fn to_the_check(post: &Post, csrf: &str, tasks: &str) -> Reply {
    let check = step(post, csrf, tasks, "check");
    assert_eq!(check.status, 200, "{}", check.body);
    assert!(!check.body.contains("error-summary"), "{}", check.body);
    check
}

/// Save from the check page: the new agreement's id.
fn save_checked(post: &Post, csrf: &str, check: &str) -> String {
    let created = step(post, csrf, check, "create");
    assert_eq!(created.status, 303, "{}", created.body);
    let location = created.header("location").unwrap();
    location
        .trim_start_matches("/avtal/")
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

/// A form posted to the wizard in `anna`'s session.
fn to_the_wizard(s: &Server, anna: &Session, fields: &[(&str, &str)]) -> Reply {
    s.send_in(
        anna,
        "POST",
        "/avtal/ny/formular",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        Some(&form(fields)),
    )
}

/// From the review page to the wizard's task list.
fn to_the_tasks(post: &Post, csrf: &str, review: &str) -> Reply {
    let tasks = step(post, csrf, review, "tasks");
    assert_eq!(tasks.status, 200, "{}", tasks.body);
    tasks
}

/// The draft `page` carries, posted with the button `action`.
fn step(post: &Post, csrf: &str, page: &str, action: &str) -> Reply {
    post(&[
        ("csrf_token", csrf),
        ("draft", &hidden(page, "draft")),
        ("action", action),
    ])
}

/// Version 1 as corrected, its termination clause, and the document kept with it.
fn saved_with_its_document(s: &Server, anna: &Session, id: &str, title: &str, bytes: &[u8]) {
    let stored = get(s, &format!("/api/v1/agreements/{id}")).json();
    assert_eq!(stored["version"], 1);
    assert_eq!(stored["agreement"]["title"], title);
    // "med sex månaders uppsägningstid" is read as a termination clause,
    // which the wizard's form for it keeps, not as a note.
    let termination = &stored["agreement"]["termination"];
    assert_eq!(termination[0]["notice"], "6 months", "{termination}");
    let notes = stored["agreement"]["notes"].as_array();
    assert!(
        notes.into_iter().flatten().all(|n| !n["text"]
            .as_str()
            .unwrap_or_default()
            .contains("uppsägningstid")),
        "{notes:?}"
    );
    let page = s.send_in(anna, "GET", &format!("/avtal/{id}"), &[], None);
    assert!(page.body.contains(&sha256(bytes)), "{}", page.body);
    assert!(page.body.contains("stöd.docx"));
    let file = page
        .body
        .split("href=\"/filer/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    let download = s.send_in(anna, "GET", &format!("/filer/{file}"), &[], None);
    assert_eq!(download.status, 200);
    // The bytes kept are the document's.
    let kept = std::fs::read(files_dir(&s.db).join(file)).unwrap();
    assert_eq!(sha256(&kept), sha256(bytes));
    assert_eq!(
        download.header("content-type"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    );
}

/// Anna is an official of the four-party fixture's region too.
fn dalaro(db: &str) {
    official_of(db, "232100-0412", "Region Dalarö");
}

/// The four-party fixture (`05-fyra-parter.txt`) with a sentence on when
/// the money is paid and an invoice address added to its "Ekonomi": a
/// document holding what the forms have no field for.
pub(crate) fn four_parties() -> Vec<u8> {
    let text = String::from_utf8(fixture("05-fyra-parter.txt")).unwrap();
    let invoicing = "Föreningen fakturerar regionen och kommunerna halvårsvis i förskott.";
    assert!(text.contains(invoicing));
    let added = format!(
        "{invoicing}\n\nBidragen betalas ut två gånger per år.\n\n\
         Faktura skickas två gånger per år till:\n\n\
         Region Dalarö\nEkonomiservice\nBox 120\n791 22 Falun"
    );
    text.replace(invoicing, &added).into_bytes()
}

/// Who is who in version 1: the id of the party named `name`.
fn party_id(agreement: &Value, name: &str) -> Value {
    agreement["parties"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no party {name}"))["id"]
        .clone()
}

/// The four-party fixture uploaded and taken through the wizard, the
/// official changing each section's fields as `sections` says: the check
/// page, which names no problem.
fn four_parties_checked(s: &Server, anna: &Session, sections: &[(&str, &[(&str, &str)])]) -> Reply {
    let sent = upload(s, anna, "feriearbete.txt", &four_parties());
    assert_eq!(sent.status, 303, "{}", sent.body);
    let review = s.send_in(anna, "GET", sent.header("location").unwrap(), &[], None);
    assert_eq!(review.status, 200, "{}", review.body);
    let post = |fields: &[(&str, &str)]| to_the_wizard(s, anna, fields);
    let csrf = anna.csrf.as_str();
    let mut page = to_the_tasks(&post, csrf, &review.body).body;
    for (slug, changes) in sections {
        page = correct(&post, &page, slug, changes);
    }
    to_the_check(&post, csrf, &page)
}

/// The list a page shows under the heading `heading` (its HTML).
fn listed_under<'a>(page: &'a str, heading: &str) -> &'a str {
    page.split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("no {heading}: {page}"))
        .split("</dl>")
        .next()
        .unwrap()
}

on_both!(
    what_the_forms_have_no_field_for_is_kept_in_version_1,
    |backend| {
        let db = prepared_database(backend, "import_kept", "dalaro", dalaro);
        let s = Server::start(&db, &[]);
        let anna = s.sign_in("anna");
        // The official corrects a party, the body's name and writes the
        // sections the document lacks.
        let body_name = "Samverkansgruppen för feriearbete";
        let sections: [(&str, &[(&str, &str)]); 4] = [
            ("grund", &[("id", "feriearbete-norra-dalen")]),
            ("parter", &[("party-0-acting_through", "regionstyrelsen")]),
            (
                "syfte",
                &[
                    ("purposes", "Att unga i Norra Dalen får sitt första arbete."),
                    ("target_group", "Unga 16–19 år i Norra Dalen."),
                ],
            ),
            ("styrning", &[("body-0-name", body_name)]),
        ];
        let check = four_parties_checked(&s, &anna, &sections);
        // Shown before saving, each with its value (read by hand from the
        // document): the signatories, the invoicing and its address, the
        // payment plan, the body's members and convener.
        let kept = listed_under(
            &check.body,
            "<h2 id=\"kept-title\">Från dokumentet utan formulär</h2>",
        );
        for value in [
            "Anna Ek",
            "regionråd",
            "Karim Said",
            "kommundirektör",
            "Två gånger per år",
            "Ekonomiservice",
            "Box 120",
            "791 22",
            "Falun",
            "Betalningsplan",
            "Ledamöter",
            "Sammankallande",
            "Föreningen Unga Krafter i Dalen",
        ] {
            assert!(kept.contains(value), "{value}: {kept}");
        }
        // What the forms show (the contributions' parties) is not repeated.
        assert!(!kept.contains("Bidrag 1"), "{kept}");
        let post = |fields: &[(&str, &str)]| to_the_wizard(&s, &anna, fields);
        let id = save_checked(&post, &anna.csrf, &check.body);
        let stored = get(&s, &format!("/api/v1/agreements/{id}")).json();
        assert_eq!(stored["version"], 1);
        let a = &stored["agreement"];
        let region = party_id(a, "Region Dalarö");
        let bergsjo = party_id(a, "Bergsjö kommun");
        let alvby = party_id(a, "Älvby kommun");
        let forening = party_id(a, "Föreningen Unga Krafter i Dalen");
        // The official's values.
        assert_eq!(a["parties"][0]["acting_through"], "regionstyrelsen");
        assert_eq!(a["parties"][0]["org_number"], "232100-0412");
        assert_eq!(a["governance"][0]["name"], body_name);
        // The document's, which no form shows.
        let signatory = |party: usize| {
            let s = &a["parties"][party]["signatories"][0];
            (s["name"].clone(), s["title"].clone())
        };
        assert_eq!(signatory(0), ("Anna Ek".into(), "regionråd".into()));
        assert_eq!(signatory(1), ("Olof Strand".into(), "ordförande".into()));
        assert_eq!(signatory(2), ("Maja Lind".into(), "kommundirektör".into()));
        assert_eq!(signatory(3), ("Karim Said".into(), "ordförande".into()));
        let financing = &a["financing"];
        assert_eq!(financing["payment"]["per_year"], 2, "{financing:#}");
        let invoicing = financing["invoicing"].as_array().unwrap();
        let to_all = invoicing
            .iter()
            .find(|i| i["to"].as_array().unwrap().len() == 3)
            .unwrap_or_else(|| panic!("{invoicing:#?}"));
        assert_eq!(to_all["from"], forening);
        assert_eq!(to_all["frequency"], "half-yearly");
        for p in [&region, &bergsjo, &alvby] {
            assert!(to_all["to"].as_array().unwrap().contains(p), "{to_all}");
        }
        let addressed = invoicing
            .iter()
            .find(|i| i.get("address").is_some())
            .unwrap_or_else(|| panic!("{invoicing:#?}"));
        assert_eq!(
            addressed["address"],
            serde_json::json!({
                "lines": ["Region Dalarö", "Ekonomiservice", "Box 120"],
                "postal_code": "791 22",
                "city": "Falun",
            })
        );
        assert_eq!(addressed["frequency"], "half-yearly");
        let body = &a["governance"][0];
        let members: Vec<&Value> = body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| &m["party"])
            .collect();
        for p in [&region, &bergsjo, &alvby, &forening] {
            assert!(members.contains(&p), "{body:#}");
        }
        assert_eq!(body["convener"]["party"], forening);
        // "var sjätte vecka": the forms hold only so many times a year.
        assert_eq!(
            body["cadence"],
            serde_json::json!({"kind": "interval", "min_weeks": 6, "max_weeks": 6})
        );
        // The agreement file's own checks find nothing dangling.
        let file = s.send_in(&anna, "GET", &format!("/avtal/{id}"), &[], None);
        assert_eq!(file.status, 200);
    }
);

on_both!(
    removing_a_party_takes_what_the_document_said_of_it,
    |backend| {
        let db = prepared_database(backend, "import_removed", "dalaro", dalaro);
        let s = Server::start(&db, &[]);
        let anna = s.sign_in("anna");
        // The official removes Älvby kommun (the third party row) and its
        // contribution (the third contribution row); Bergsjö kommun takes
        // over its share, so the budget the forms do not show still adds
        // up. The document's invoicing is sent to Älvby, and it sits in
        // the cooperation group: facts no form shows.
        let third_party = [
            ("party-2-name", ""),
            ("party-2-org_number", ""),
            ("party-2-acting_through", ""),
        ];
        let third_contribution = [
            ("contribution-2-party", ""),
            ("contribution-2-amount", ""),
            ("contribution-2-description", ""),
            ("contribution-1-amount", "1 200 000"),
        ];
        let sections: [(&str, &[(&str, &str)]); 4] = [
            ("grund", &[("id", "feriearbete-utan-alvby")]),
            ("parter", &third_party),
            ("ekonomi", &third_contribution),
            (
                "syfte",
                &[
                    ("purposes", "Att unga i Norra Dalen får sitt första arbete."),
                    ("target_group", "Unga 16–19 år i Norra Dalen."),
                ],
            ),
        ];
        // No problem the forms cannot fix; what went with the party is
        // shown, named.
        let check = four_parties_checked(&s, &anna, &sections);
        let gone = listed_under(
            &check.body,
            "<h2 id=\"gone-title\">Tas bort med raderna du tog bort</h2>",
        );
        for value in ["Fakturering 1 › Till", "Ledamöter", "Älvby kommun"] {
            assert!(gone.contains(value), "{value}: {gone}");
        }
        let post = |fields: &[(&str, &str)]| to_the_wizard(&s, &anna, fields);
        let id = save_checked(&post, &anna.csrf, &check.body);
        let stored = get(&s, &format!("/api/v1/agreements/{id}")).json();
        assert_eq!(stored["version"], 1);
        let a = &stored["agreement"];
        let names: Vec<&Value> = a["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["name"])
            .collect();
        assert_eq!(
            names,
            [
                "Region Dalarö",
                "Bergsjö kommun",
                "Föreningen Unga Krafter i Dalen"
            ]
        );
        let (region, bergsjo) = (party_id(a, "Region Dalarö"), party_id(a, "Bergsjö kommun"));
        let forening = party_id(a, "Föreningen Unga Krafter i Dalen");
        // The invoicing is still the document's, to the two left.
        let invoicing = a["financing"]["invoicing"].as_array().unwrap();
        let to_public = invoicing
            .iter()
            .find(|i| i["from"] == forening && i["frequency"] == "half-yearly")
            .unwrap_or_else(|| panic!("{invoicing:#?}"));
        assert_eq!(to_public["to"], serde_json::json!([region, bergsjo]));
        // The group keeps its three other members and its convener.
        let body = &a["governance"][0];
        let members: Vec<&Value> = (body["members"].as_array().unwrap().iter())
            .map(|m| &m["party"])
            .collect();
        assert_eq!(members, [&region, &bergsjo, &forening], "{body:#}");
        assert_eq!(body["convener"]["party"], forening);
        let contributions = a["financing"]["contributions"].as_array().unwrap();
        assert_eq!(contributions.len(), 3, "{contributions:#?}");
    }
);

/// Anna is an official of own text 10's municipality too.
fn stromsvik(db: &str) {
    official_of(db, "212000-2429", "Strömsviks kommun");
}

on_both!(
    an_appendix_keeps_its_own_notice_and_reports_in_version_1,
    |backend| {
        let db = prepared_database(backend, "import_appendix", "stromsvik", stromsvik);
        let s = Server::start(&db, &[]);
        let anna = s.sign_in("anna");
        let text = fixture("10-ramavtal-bilagor-egen-uppsagning.txt");
        let sent = upload(&s, &anna, "stromsvik.txt", &text);
        assert_eq!(sent.status, 303, "{}", sent.body);
        let review = s.send_in(&anna, "GET", sent.header("location").unwrap(), &[], None);
        assert_eq!(review.status, 200, "{}", review.body);
        let post = |fields: &[(&str, &str)]| to_the_wizard(&s, &anna, fields);
        let csrf = anna.csrf.as_str();
        let tasks = to_the_tasks(&post, csrf, &review.body);
        let check = to_the_check(&post, csrf, &tasks.body);
        // No page shows a field's path for the appendix's own clauses.
        for page in [&review.body, &tasks.body, &check.body] {
            assert!(!page.contains("].termination["), "{page}");
            assert!(!page.contains("].reporting["), "{page}");
        }
        assert!(review.body.contains("Bilaga 1: Uppsägningstid"));
        let id = save_checked(&post, csrf, &check.body);
        let stored = get(&s, &format!("/api/v1/agreements/{id}")).json();
        assert_eq!(stored["version"], 1);
        let a = &stored["agreement"];
        // The forms have no field for an appendix's notice or reports; the
        // document's are kept, each with its appendix (read from the text).
        let appendix = |n: usize| &a["appendices"][n];
        // Bilaga 1: "… med tre månaders uppsägningstid", a
        // verksamhetsberättelse "senast den 31 mars året efter".
        assert_eq!(appendix(0)["termination"][0]["notice"], "3 months", "{a:#}");
        assert_eq!(
            appendix(0)["reporting"][0]["due"],
            serde_json::json!({"kind": "yearly", "month": 3, "day": 31, "year_offset": 1})
        );
        // Bilaga 2 has neither.
        assert!(appendix(1).get("termination").is_none(), "{a:#}");
        assert!(appendix(1).get("reporting").is_none(), "{a:#}");
        // Bilaga 3: "… med två månaders uppsägningstid", a slutrapport
        // "när bilagan upphör".
        assert_eq!(appendix(2)["termination"][0]["notice"], "2 months");
        assert_eq!(appendix(2)["reporting"][0]["due"]["kind"], "end-of-term");
        // The framework keeps its own nine months, and only that.
        let termination = a["termination"].as_array().unwrap();
        assert_eq!(termination.len(), 1, "{termination:?}");
        assert_eq!(termination[0]["notice"], "9 months");
        // The agreement page shows them.
        let page = s.send_in(&anna, "GET", &format!("/avtal/{id}"), &[], None);
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("Uppsägningstid 3 månader."),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("Verksamhetsberättelse för lovaktiviteterna")
        );
    }
);
