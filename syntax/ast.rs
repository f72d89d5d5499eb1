//! The typed model of a declaration, as written: every value keeps the span a rule may blame.

use proc_macro2::Span;
use syn::{Ident, Path};

/// A value together with the span of the tokens it was read from.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

/// The instruction set a function runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Architecture {
    X86_64,
    Arm64,
}

/// X-Ray tracing mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tracing {
    Active,
    PassThrough,
}

/// Settings of one function: from `#[lambda_function(...)]` for a Rust handler, or from a
/// `function name { ... }` block in `stack!` for code in another runtime.
#[derive(Default, Debug)]
pub struct FunctionProps {
    /// Memory in MB.
    pub memory: Option<Sp<u64>>,
    /// Timeout in seconds.
    pub timeout: Option<Sp<u64>>,
    /// The deployed function name (`FunctionName`).
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub architecture: Option<Sp<Architecture>>,
    /// Environment variables in declaration order; the span of each pair is its key's.
    pub environment: Vec<(Sp<String>, Sp<String>)>,
    pub reserved_concurrency: Option<Sp<u64>>,
    /// `/tmp` size in MB.
    pub ephemeral_storage: Option<Sp<u64>>,
    /// Log retention in days.
    pub log_retention: Option<Sp<u64>>,
    pub tracing: Option<Sp<Tracing>>,
    /// Managed runtime identifier, for code that is not a Rust handler (`"nodejs24.x"`).
    pub runtime: Option<Sp<String>>,
    /// Handler string of a non-Rust function (`"index.handler"`).
    pub handler: Option<Sp<String>>,
    /// Folder of a non-Rust function's code, relative to the crate root.
    pub code: Option<Sp<String>>,
    /// An execution role declared with `role` in the same stack.
    pub role: Option<Ident>,
    /// `text` or `json`.
    pub log_format: Option<Sp<LogFormat>>,
    /// Lowest application log level kept (JSON format).
    pub application_log_level: Option<Sp<LogLevel>>,
    /// Lowest system log level kept (JSON format).
    pub system_log_level: Option<Sp<LogLevel>>,
    /// Retries of a failed asynchronous invocation, 0 to 2.
    pub retry_attempts: Option<Sp<u64>>,
    /// Longest an asynchronous event waits, in seconds.
    pub max_event_age: Option<Sp<u64>>,
    /// Destination of successful asynchronous invocations.
    pub on_success: Option<Ident>,
    /// Destination of failed asynchronous invocations.
    pub on_failure: Option<Ident>,
    /// Dead-letter queue or topic of asynchronous invocations.
    pub dead_letter: Option<Ident>,
}

/// Lambda's log format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A log level of Lambda's JSON log format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogLevel {
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

/// The arguments of `#[lambda_function(...)]`.
#[derive(Debug)]
pub struct FunctionAttr {
    pub props: FunctionProps,
    /// Mistakes found while parsing that did not stop it (bad values, unknown keys).
    pub errors: Vec<syn::Error>,
}

/// Everything inside `stack! { ... }`.
#[derive(Debug)]
pub struct StackInput {
    pub stacks: Vec<Stack>,
    /// Mistakes found while parsing that did not stop it (bad values, unknown keys).
    pub errors: Vec<syn::Error>,
}

/// One `Name { ... }` stack.
#[derive(Debug)]
pub struct Stack {
    pub name: Ident,
    pub functions: Vec<FunctionDecl>,
    pub buckets: Vec<BucketDecl>,
    pub roles: Vec<RoleDecl>,
    pub apis: Vec<ApiDecl>,
    pub notifications: Vec<NotificationDecl>,
    pub grants: Vec<GrantDecl>,
    pub statements: Vec<AllowDecl>,
    pub outputs: Vec<OutputDecl>,
    pub queues: Vec<QueueDecl>,
    pub tables: Vec<TableDecl>,
    pub streams: Vec<KinesisDecl>,
    pub topics: Vec<TopicDecl>,
    pub buses: Vec<BusDecl>,
    pub sources: Vec<SourceDecl>,
    pub schedules: Vec<ScheduleDecl>,
    pub rules: Vec<RuleDecl>,
    pub versions: Vec<Path>,
    pub aliases: Vec<AliasDecl>,
    pub alarms: Vec<AlarmDecl>,
    /// `#[allow(lint)]` on items: which warning, on which item.
    pub allowed: Vec<Allowed>,
    /// `quotas { ... }`: the account's raised quotas.
    pub quotas: Quotas,
}

/// Warnings a declaration may silence item by item with `#[allow(...)]`, and the items each
/// applies to.
pub const LINTS: &[(&str, ItemKind)] = &[
    ("deprecated_runtime", ItemKind::Function),
    ("short_visibility_timeout", ItemKind::Source),
    ("recursive_trigger", ItemKind::Notification),
    ("wildcard_action", ItemKind::Statement),
];

/// The kinds of stack items a lint can be allowed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Function,
    Source,
    Notification,
    Statement,
}

/// One `#[allow(lint)]`: the lint, and the index of the item in its list.
#[derive(Debug)]
pub struct Allowed {
    pub lint: Ident,
    pub kind: ItemKind,
    pub index: usize,
}

impl Stack {
    /// Whether `lint` is allowed on item `index` of `kind`.
    pub fn allows(&self, lint: &str, kind: ItemKind, index: usize) -> bool {
        self.allowed
            .iter()
            .any(|a| a.lint == lint && a.kind == kind && a.index == index)
    }
}

/// Quotas of the account that were raised above AWS's defaults.
#[derive(Debug, Default)]
pub struct Quotas {
    /// Longest REST API integration timeout, in seconds.
    pub integration_timeout: Option<Sp<u64>>,
    /// Concurrent executions of the account.
    pub concurrent_executions: Option<Sp<u64>>,
}

/// `queue name { fifo: true, visibility_timeout: 60, dead_letter: dlq, ... }`.
#[derive(Debug)]
pub struct QueueDecl {
    pub ident: Ident,
    pub name: Option<Sp<String>>,
    pub fifo: Option<Sp<bool>>,
    /// Seconds.
    pub visibility_timeout: Option<Sp<u64>>,
    /// Message retention in seconds.
    pub retention: Option<Sp<u64>>,
    pub dead_letter: Option<Ident>,
    pub max_receive_count: Option<Sp<u64>>,
}

/// A key attribute type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    String,
    Number,
    Binary,
}

/// What a table's stream records hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamViewType {
    KeysOnly,
    NewImage,
    OldImage,
    NewAndOldImages,
}

/// `table name { partition_key: "id", stream: new_and_old_images, ... }`.
#[derive(Debug)]
pub struct TableDecl {
    pub ident: Ident,
    pub partition_key: Option<Sp<String>>,
    pub partition_key_type: Option<Sp<KeyType>>,
    pub sort_key: Option<Sp<String>>,
    pub sort_key_type: Option<Sp<KeyType>>,
    pub stream: Option<Sp<StreamViewType>>,
}

/// `stream name { shards: 2, retention_hours: 48 }`: a Kinesis data stream.
#[derive(Debug)]
pub struct KinesisDecl {
    pub ident: Ident,
    pub shards: Option<Sp<u64>>,
    pub retention_hours: Option<Sp<u64>>,
}

/// `topic name { fifo: true }`.
#[derive(Debug)]
pub struct TopicDecl {
    pub ident: Ident,
    pub fifo: Option<Sp<bool>>,
}

/// `event_bus name;`.
#[derive(Debug)]
pub struct BusDecl {
    pub ident: Ident,
}

/// Where a stream source starts reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartingPosition {
    TrimHorizon,
    Latest,
    AtTimestamp,
}

/// `source.on_message(...) => handler;` or `source.on_record(...) => handler;` on a queue,
/// topic, table or Kinesis stream.
#[derive(Debug)]
pub struct SourceDecl {
    pub source: Ident,
    pub method: Ident,
    pub props: SourceProps,
    pub handler: Path,
}

/// Settings of an event source mapping; which apply depends on the source.
#[derive(Debug, Default)]
pub struct SourceProps {
    pub batch_size: Option<Sp<u64>>,
    /// Seconds.
    pub batching_window: Option<Sp<u64>>,
    pub max_concurrency: Option<Sp<u64>>,
    pub report_batch_item_failures: Option<Sp<bool>>,
    pub starting_position: Option<Sp<StartingPosition>>,
    /// Unix seconds, with `AT_TIMESTAMP`.
    pub starting_timestamp: Option<Sp<u64>>,
    pub parallelization_factor: Option<Sp<u64>>,
    pub bisect_on_error: Option<Sp<bool>>,
    /// `-1` retries until the record expires.
    pub max_retry_attempts: Option<Sp<i64>>,
    /// Seconds; `-1` for no limit.
    pub max_record_age: Option<Sp<i64>>,
    /// Seconds.
    pub tumbling_window: Option<Sp<u64>>,
    pub on_failure: Option<Ident>,
    /// Every key written, for rules on keys that do not apply to the source.
    pub keys: Vec<Ident>,
}

/// `schedule name = "rate(1 day)" => handler;`.
#[derive(Debug)]
pub struct ScheduleDecl {
    pub ident: Ident,
    pub expression: Sp<String>,
    pub handler: Path,
}

/// An event pattern value.
#[derive(Clone, Debug, PartialEq)]
pub enum PatternValue {
    Str(String),
    Number(f64),
    Bool(bool),
    List(Vec<PatternValue>),
    Map(Vec<(String, PatternValue)>),
}

/// `rule name { source: ["shop"], detail_type: ["OrderPlaced"], bus: orders } => handler;`.
#[derive(Debug)]
pub struct RuleDecl {
    pub ident: Ident,
    /// The event pattern, keys as EventBridge spells them.
    pub pattern: Vec<(Sp<String>, PatternValue)>,
    pub bus: Option<Ident>,
    pub handler: Path,
}

/// `alias handler.name { provisioned_concurrency: 2, additional_version: "3", additional_weight: 0.1 }`.
#[derive(Debug)]
pub struct AliasDecl {
    pub function: Path,
    pub name: Ident,
    pub provisioned_concurrency: Option<Sp<u64>>,
    pub additional_version: Option<Sp<String>>,
    pub additional_weight: Option<Sp<f64>>,
}

/// A function metric an alarm watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Errors,
    Throttles,
    Duration,
    Invocations,
    IteratorAge,
    DeadLetterErrors,
    ConcurrentExecutions,
}

/// A CloudWatch statistic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statistic {
    Sum,
    Average,
    Maximum,
    Minimum,
    SampleCount,
}

/// How an alarm compares its statistic with the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    GreaterOrEqual,
    Greater,
    Less,
    LessOrEqual,
}

/// `alarm name { function: f, metric: errors, threshold: 1, ... }`.
#[derive(Debug)]
pub struct AlarmDecl {
    pub ident: Ident,
    pub function: Option<Path>,
    pub metric: Option<Sp<Metric>>,
    pub statistic: Option<Sp<Statistic>>,
    pub threshold: Option<Sp<f64>>,
    pub comparison: Option<Sp<Comparison>>,
    /// Seconds.
    pub period: Option<Sp<u64>>,
    pub evaluation_periods: Option<Sp<u64>>,
    pub datapoints_to_alarm: Option<Sp<u64>>,
    pub actions: Vec<Ident>,
}

/// `function path;` or `function path { ... }`.
#[derive(Debug)]
pub struct FunctionDecl {
    /// The handler path as written (`greet`, `handlers::greet`); a bare name for code in
    /// another runtime.
    pub path: Path,
    pub props: FunctionProps,
}

impl FunctionDecl {
    /// Whether this declares code in another runtime rather than naming a Rust handler.
    pub fn is_asset(&self) -> bool {
        self.props.runtime.is_some() || self.props.code.is_some() || self.props.handler.is_some()
    }
}

/// `bucket name;` or `bucket name { name: "..." }`.
#[derive(Debug)]
pub struct BucketDecl {
    pub ident: Ident,
    pub name: Option<Sp<String>>,
}

/// `role name;` or `role name { name: "...", managed_policies: [...] }`.
#[derive(Debug)]
pub struct RoleDecl {
    pub ident: Ident,
    pub name: Option<Sp<String>>,
    pub managed_policies: Vec<Sp<String>>,
}

/// `api name { stage: "prod", "/path" { GET => handler, "/sub" { ... } } }`.
#[derive(Debug)]
pub struct ApiDecl {
    pub ident: Ident,
    pub name: Option<Sp<String>>,
    pub stage: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub routes: Vec<RouteDecl>,
    /// Every path literal written, with the full path it denotes, for path rules.
    pub paths: Vec<PathDecl>,
    /// Whether a path or method was malformed, so that rules on the routes that remain do
    /// not report the same mistake again.
    pub had_errors: bool,
}

/// One path literal of an API, resolved against the blocks around it.
#[derive(Debug, Clone)]
pub struct PathDecl {
    pub segments: Vec<Segment>,
    pub span: Span,
}

/// A path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// `{id}`
    Param(String),
    /// `{proxy+}`
    Greedy(String),
}

impl Segment {
    /// The segment as written in an API Gateway resource path.
    pub fn path_part(&self) -> String {
        match self {
            Segment::Literal(s) => s.clone(),
            Segment::Param(s) => format!("{{{s}}}"),
            Segment::Greedy(s) => format!("{{{s}+}}"),
        }
    }
}

/// HTTP methods an API route can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
    Any,
}

impl HttpMethod {
    pub const ALL: &'static [(&'static str, HttpMethod)] = &[
        ("GET", HttpMethod::Get),
        ("POST", HttpMethod::Post),
        ("PUT", HttpMethod::Put),
        ("PATCH", HttpMethod::Patch),
        ("DELETE", HttpMethod::Delete),
        ("HEAD", HttpMethod::Head),
        ("OPTIONS", HttpMethod::Options),
        ("ANY", HttpMethod::Any),
    ];

    /// The method as API Gateway spells it.
    pub fn as_str(self) -> &'static str {
        HttpMethod::ALL
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("ANY", |(s, _)| s)
    }
}

/// `METHOD => handler` under a path.
#[derive(Debug)]
pub struct RouteDecl {
    pub path: PathDecl,
    pub method: Sp<HttpMethod>,
    pub handler: Path,
}

/// Which events a `source.method(...) => handler;` line listens to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ObjectEvent {
    /// `on_object_created`
    Created,
    /// `on_object_removed`
    Removed,
    /// A poll-based event source mapping (`event_source`, `on_message`, ...), which a
    /// bucket cannot be; kept so that the rule can name the fix.
    Poll(String),
}

/// `bucket.on_object_created(prefix = "...", suffix = "...") => handler;`
#[derive(Debug)]
pub struct NotificationDecl {
    pub bucket: Ident,
    pub event: Sp<ObjectEvent>,
    pub prefix: Option<Sp<String>>,
    pub suffix: Option<Sp<String>>,
    pub handler: Path,
}

/// What a grant allows; which levels apply depends on the resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
    ReadWrite,
    Send,
    Consume,
    Publish,
}

/// `grant principal read resource;`
#[derive(Debug)]
pub struct GrantDecl {
    pub principal: Path,
    pub access: Sp<Access>,
    pub resource: Ident,
}

/// `allow principal ["s3:GetObject"] on bucket.objects, other;`
#[derive(Debug)]
pub struct AllowDecl {
    pub principal: Path,
    pub actions: Vec<Sp<String>>,
    pub resources: Vec<ResourceTarget>,
}

/// A resource an `allow` statement names: a construct, or the objects of a bucket.
#[derive(Debug)]
pub struct ResourceTarget {
    pub construct: Ident,
    /// Set for `bucket.objects`, with the span of `objects`.
    pub objects: Option<Span>,
}

/// `output name = construct.attribute;`
#[derive(Debug)]
pub struct OutputDecl {
    pub name: Ident,
    pub construct: Ident,
    pub attribute: Ident,
}

/// The last segment of a handler path: the function's name within its stack.
pub fn path_ident(path: &Path) -> &Ident {
    &path
        .segments
        .last()
        .expect("syn paths have at least one segment")
        .ident
}
