//! REST API routes: each path and method once, and paths API Gateway can build.

use crate::syntax::ast::{ApiDecl, Segment};
use crate::syntax::errors::Ctxt;

/// An API has at least one method; each method is declared once per path; a greedy
/// `{name+}` parameter ends its path; sibling parameters share one name.
/// Source: API Gateway Developer Guide, "Set up a proxy integration with a proxy resource".
pub(crate) fn check_api(api: &ApiDecl, cx: &mut Ctxt) {
    if api.routes.is_empty() && !api.had_errors {
        cx.error_spanned(api.ident.span(), format!("API `{}` has no routes, and API Gateway cannot deploy an API without methods; add one such as `\"/\" {{ GET => handler }}`", api.ident));
    }
    for (i, route) in api.routes.iter().enumerate() {
        let earlier = api.routes[..i].iter().any(|r| {
            r.path.segments == route.path.segments && r.method.value == route.method.value
        });
        if earlier {
            cx.error_spanned(
                route.method.span,
                format!(
                    "duplicate route `{} {}` in API `{}`",
                    route.method.value.as_str(),
                    display_path(&route.path.segments),
                    api.ident
                ),
            );
        }
    }
    for path in &api.paths {
        let greedy_inside = path
            .segments
            .iter()
            .rev()
            .skip(1)
            .any(|s| matches!(s, Segment::Greedy(_)));
        if greedy_inside {
            cx.error_spanned(
                path.span,
                format!(
                    "greedy parameter in `{}` must be the last segment of its path",
                    display_path(&path.segments)
                ),
            );
        }
    }
    check_sibling_parameters(api, cx);
}

fn check_sibling_parameters(api: &ApiDecl, cx: &mut Ctxt) {
    for (i, path) in api.paths.iter().enumerate() {
        for depth in 0..path.segments.len() {
            let segment = &path.segments[depth];
            if matches!(segment, Segment::Literal(_)) {
                continue;
            }
            let parent = &path.segments[..depth];
            let clash = api.paths[..i].iter().find_map(|other| {
                let theirs = other.segments.get(depth)?;
                let same_parent = other.segments.get(..depth) == Some(parent);
                let variable = !matches!(theirs, Segment::Literal(_));
                (same_parent && variable && theirs != segment).then_some(theirs)
            });
            if let Some(theirs) = clash {
                cx.error_spanned(path.span, format!("path parameter `{}` under `{}` has a sibling `{}`; API Gateway allows one parameter per level, so use the same name in both paths", segment.path_part(), display_path(parent), theirs.path_part()));
                break;
            }
        }
    }
}

/// `/items/{id}` from segments.
pub fn display_path(segments: &[Segment]) -> String {
    let parts: Vec<String> = segments.iter().map(Segment::path_part).collect();
    format!("/{}", parts.join("/"))
}
