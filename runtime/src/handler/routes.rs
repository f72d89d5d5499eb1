//! Matching a request path to a declared API resource the way API Gateway does: literal
//! segments before `{param}`, `{param}` before greedy `{proxy+}`.

use crate::app::RouteEntry;
use std::collections::BTreeMap;

/// The routes of an API, grouped by resource path.
pub(crate) struct Table {
    resources: Vec<Resource>,
}

struct Resource {
    path: &'static str,
    segments: Vec<Segment>,
    routes: Vec<RouteEntry>,
}

#[derive(Debug, PartialEq, Eq)]
enum Segment {
    Literal(&'static str),
    Param(&'static str),
    Greedy(&'static str),
}

impl Segment {
    /// Literals match first, then parameters, then greedy parameters.
    fn rank(&self) -> u8 {
        match self {
            Segment::Literal(_) => 0,
            Segment::Param(_) => 1,
            Segment::Greedy(_) => 2,
        }
    }
}

/// What a request path and method resolve to.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// A declared route, with its path parameters (decoded).
    Route {
        route: RouteEntry,
        params: BTreeMap<String, String>,
    },
    /// The path is declared, the method is not; the declared methods.
    MethodNotAllowed(Vec<&'static str>),
    /// No declared resource has this path.
    NotFound,
}

impl Table {
    /// The table of `routes`.
    pub(crate) fn new(routes: &[RouteEntry]) -> Self {
        let mut resources: Vec<Resource> = Vec::new();
        for route in routes {
            if let Some(resource) = resources.iter_mut().find(|r| r.path == route.path) {
                resource.routes.push(*route);
                continue;
            }
            resources.push(Resource {
                path: route.path,
                segments: parse(route.path),
                routes: vec![*route],
            });
        }
        Table { resources }
    }

    /// The declared resource paths.
    pub(crate) fn paths(&self) -> Vec<&'static str> {
        self.resources.iter().map(|r| r.path).collect()
    }

    /// Resolves `method` on `path` (as received: raw, without the query string).
    pub(crate) fn find(&self, method: &str, path: &str) -> Match {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let best = self
            .resources
            .iter()
            .filter_map(|r| r.capture(&parts).map(|params| (r, params)))
            .min_by_key(|(r, _)| r.segments.iter().map(Segment::rank).collect::<Vec<_>>());
        let Some((resource, params)) = best else {
            return Match::NotFound;
        };
        let route = resource
            .routes
            .iter()
            .find(|r| r.method == method)
            .or_else(|| resource.routes.iter().find(|r| r.method == "ANY"));
        match route {
            Some(route) => Match::Route {
                route: *route,
                params,
            },
            None => Match::MethodNotAllowed(resource.routes.iter().map(|r| r.method).collect()),
        }
    }
}

impl Resource {
    /// The path parameters when `parts` match this resource.
    fn capture(&self, parts: &[&str]) -> Option<BTreeMap<String, String>> {
        let mut params = BTreeMap::new();
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Literal(literal) => {
                    if parts.get(i) != Some(literal) {
                        return None;
                    }
                }
                Segment::Param(name) => {
                    params.insert((*name).to_owned(), decode(parts.get(i)?));
                }
                Segment::Greedy(name) => {
                    let rest = parts.get(i..).filter(|rest| !rest.is_empty())?;
                    params.insert((*name).to_owned(), decode(&rest.join("/")));
                    return Some(params);
                }
            }
        }
        (parts.len() == self.segments.len()).then_some(params)
    }
}

fn parse(path: &'static str) -> Vec<Segment> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => match name.strip_suffix('+') {
                    Some(name) => Segment::Greedy(name),
                    None => Segment::Param(name),
                },
                None => Segment::Literal(s),
            },
        )
        .collect()
}

/// Decodes `%XX` escapes; a malformed escape stays as written.
pub(crate) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The parameters of a query string, decoded, each with its values in order.
pub(crate) fn query(query: &str) -> BTreeMap<String, Vec<String>> {
    let mut params: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        params.entry(decode(key)).or_default().push(decode(value));
    }
    params
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(method: &'static str, path: &'static str, handler: &'static str) -> RouteEntry {
        RouteEntry {
            api: "api",
            stage: "prod",
            method,
            path,
            handler,
        }
    }

    fn table() -> Table {
        Table::new(&[
            route("GET", "/", "root"),
            route("GET", "/hello", "greet"),
            route("POST", "/hello", "greet"),
            route("GET", "/items/{id}", "item"),
            route("GET", "/items/special", "special"),
            route("ANY", "/files/{proxy+}", "files"),
            route("GET", "/files/{proxy+}", "files_get"),
        ])
    }

    fn handler(found: &Match) -> Option<&'static str> {
        match found {
            Match::Route { route, .. } => Some(route.handler),
            _ => None,
        }
    }

    #[test]
    fn literal_beats_parameter_beats_greedy() {
        let table = table();
        assert_eq!(
            handler(&table.find("GET", "/items/special")),
            Some("special")
        );
        assert_eq!(handler(&table.find("GET", "/items/42")), Some("item"));
        assert_eq!(handler(&table.find("GET", "/")), Some("root"));
        assert_eq!(handler(&table.find("GET", "/hello/")), Some("greet"));
    }

    #[test]
    fn parameters_are_captured_and_decoded() {
        let Match::Route { params, .. } = table().find("GET", "/items/a%20b") else {
            panic!("no match");
        };
        assert_eq!(params.get("id").map(String::as_str), Some("a b"));
        let Match::Route { route, params } = table().find("DELETE", "/files/a/b/c.txt") else {
            panic!("no match");
        };
        assert_eq!(route.handler, "files");
        assert_eq!(params.get("proxy").map(String::as_str), Some("a/b/c.txt"));
        assert_eq!(handler(&table().find("GET", "/files/x")), Some("files_get"));
    }

    #[test]
    fn greedy_needs_a_segment() {
        assert_eq!(table().find("GET", "/files"), Match::NotFound);
        assert_eq!(table().find("GET", "/items/1/2"), Match::NotFound);
        assert_eq!(table().find("GET", "/nope"), Match::NotFound);
    }

    #[test]
    fn undeclared_method_lists_the_declared_ones() {
        assert_eq!(
            table().find("DELETE", "/hello"),
            Match::MethodNotAllowed(vec!["GET", "POST"])
        );
    }

    #[test]
    fn query_strings_keep_every_value() {
        let params = query("a=1&b=x%2By&a=2&flag&=");
        assert_eq!(params["a"], vec!["1", "2"]);
        assert_eq!(params["b"], vec!["x+y"]);
        assert_eq!(params["flag"], vec![""]);
        assert_eq!(decode("100%"), "100%");
    }
}
