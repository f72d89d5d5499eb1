//! What an app binary serves: a stack's Rust handlers and its API routes.

use crate::__private::HandlerEntry;

/// A stack's Rust handlers and REST API routes, as `stack!` lists them in `Stack::app()`:
/// what [`run`](crate::run) serves on Lambda and locally.
pub struct App {
    stack: &'static str,
    handlers: Vec<HandlerEntry>,
    routes: Vec<RouteEntry>,
}

impl App {
    /// The app of stack `stack`, with its handlers and routes.
    pub fn new(stack: &'static str, handlers: Vec<HandlerEntry>, routes: Vec<RouteEntry>) -> Self {
        App {
            stack,
            handlers,
            routes,
        }
    }

    /// The stack's name, or `""` for an app made of handlers alone.
    pub fn stack(&self) -> &'static str {
        self.stack
    }

    /// The Rust handlers, in declaration order.
    pub fn handlers(&self) -> &[HandlerEntry] {
        &self.handlers
    }

    /// The REST API routes, in declaration order.
    pub fn routes(&self) -> &[RouteEntry] {
        &self.routes
    }

    /// The handler named `name`.
    pub(crate) fn handler(&self, name: &str) -> Option<&HandlerEntry> {
        self.handlers.iter().find(|h| h.name == name)
    }

    /// The handlers' names, in backticks, for messages.
    pub(crate) fn handler_list(&self) -> String {
        if self.handlers.is_empty() {
            return "none".to_owned();
        }
        let names: Vec<String> = self
            .handlers
            .iter()
            .map(|h| format!("`{}`", h.name))
            .collect();
        names.join(", ")
    }

    /// The name Lambda knows handler `entry` by: its `name` setting, else `<Stack>-<handler>`.
    pub(crate) fn function_name(&self, entry: &HandlerEntry) -> String {
        match (entry.function_name, self.stack) {
            (Some(name), _) => name.to_owned(),
            (None, "") => entry.name.to_owned(),
            (None, stack) => format!("{stack}-{}", entry.name),
        }
    }
}

/// An app of handlers alone, as `Stack::handlers()` lists them: it serves everything but the
/// local API server, which needs the routes of `Stack::app()`.
impl From<Vec<HandlerEntry>> for App {
    fn from(handlers: Vec<HandlerEntry>) -> Self {
        App::new("", handlers, Vec::new())
    }
}

/// One method on one path of a REST API declared in `stack!`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteEntry {
    /// The API's name in `stack!`.
    pub api: &'static str,
    /// The API's stage (`prod` unless `stage` says otherwise).
    pub stage: &'static str,
    /// The HTTP method as API Gateway spells it: `GET`, `POST`, ..., or `ANY`.
    pub method: &'static str,
    /// The resource path as declared, with `{param}` and greedy `{proxy+}` parameters:
    /// `/items/{id}`.
    pub path: &'static str,
    /// The function the route invokes: a Rust handler of the app, or a function in another
    /// runtime.
    pub handler: &'static str,
}
