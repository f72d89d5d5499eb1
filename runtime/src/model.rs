//! The construct model: plain data that synthesis turns into CloudFormation.
//!
//! The macros and the build step fill it from a `stack!` declaration, but it is usable
//! directly from Rust as well. Every construct is named by an `id` that is unique in its
//! stack; references between constructs are by that `id`.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// One CloudFormation stack.
#[derive(Clone, Debug, Default)]
pub struct Stack {
    /// The stack name, also the template's file name.
    pub name: String,
    /// The Lambda functions of the stack.
    pub functions: Vec<Function>,
    /// The S3 buckets of the stack.
    pub buckets: Vec<Bucket>,
    /// The IAM roles declared for functions to share.
    pub roles: Vec<Role>,
    /// The API Gateway REST APIs of the stack.
    pub apis: Vec<RestApi>,
    /// Bucket access given to functions or roles.
    pub grants: Vec<Grant>,
    /// Extra IAM `Allow` statements given to functions or roles.
    pub statements: Vec<Statement>,
    /// The stack outputs.
    pub outputs: Vec<Output>,
    /// The SQS queues of the stack.
    pub queues: Vec<Queue>,
    /// The DynamoDB tables of the stack.
    pub tables: Vec<Table>,
    /// The Kinesis data streams of the stack.
    pub streams: Vec<KinesisStream>,
    /// The SNS topics of the stack.
    pub topics: Vec<Topic>,
    /// The EventBridge event buses of the stack.
    pub event_buses: Vec<EventBus>,
    /// Poll-based triggers: queues and streams read by functions.
    pub event_sources: Vec<EventSource>,
    /// SNS topics that invoke functions.
    pub subscriptions: Vec<Subscription>,
    /// EventBridge schedules and rules that invoke functions.
    pub rules: Vec<Rule>,
    /// Functions that publish a version (every function with an alias does too).
    pub versions: Vec<String>,
    /// Function aliases.
    pub aliases: Vec<Alias>,
    /// CloudWatch alarms on function metrics.
    pub alarms: Vec<Alarm>,
}

/// A Lambda function with its log group and, unless it names a declared role, its own role.
#[derive(Clone, Debug)]
pub struct Function {
    /// The function's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The deployed `FunctionName`.
    pub function_name: String,
    /// The function's code and how Lambda runs it.
    pub code: Code,
    /// Memory in MB.
    pub memory: u64,
    /// Timeout in seconds.
    pub timeout: u64,
    /// The function's `Description`.
    pub description: Option<String>,
    /// The instruction set architecture the function runs on.
    pub architecture: Architecture,
    /// Environment variables, by name.
    pub environment: BTreeMap<String, String>,
    /// Reserved concurrent executions; `None` leaves the function on the unreserved pool.
    pub reserved_concurrency: Option<u64>,
    /// `/tmp` size in MB.
    pub ephemeral_storage: Option<u64>,
    /// Log retention in days.
    pub log_retention: u64,
    /// X-Ray tracing mode; `None` leaves the Lambda default.
    pub tracing: Option<Tracing>,
    /// The `id` of a declared [`Role`]; `None` gives the function a role of its own.
    pub role: Option<String>,
    /// Log format; `None` leaves Lambda's default (text).
    pub log_format: Option<LogFormat>,
    /// Lowest application log level sent to CloudWatch (JSON format only).
    pub application_log_level: Option<LogLevel>,
    /// Lowest Lambda system log level sent to CloudWatch (JSON format only).
    pub system_log_level: Option<LogLevel>,
    /// Settings of asynchronous invocations (`AWS::Lambda::EventInvokeConfig`).
    pub async_invoke: Option<AsyncInvoke>,
    /// Where failed asynchronous events go after their retries: a queue or a topic.
    pub dead_letter: Option<Target>,
}

/// Lambda's log format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Plain text lines.
    Text,
    /// Structured JSON lines.
    Json,
}

/// A log level of Lambda's JSON log format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogLevel {
    /// `TRACE`
    Trace,
    /// `DEBUG`
    Debug,
    /// `INFO`
    Info,
    /// `WARN`
    Warn,
    /// `ERROR`
    Error,
    /// `FATAL`
    Fatal,
}

impl LogLevel {
    /// The level as Lambda spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            LogLevel::Trace => "TRACE",
            LogLevel::Debug => "DEBUG",
            LogLevel::Info => "INFO",
            LogLevel::Warn => "WARN",
            LogLevel::Error => "ERROR",
            LogLevel::Fatal => "FATAL",
        }
    }
}

/// How Lambda handles asynchronous invocations of a function.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AsyncInvoke {
    /// Retries after a failed invocation, 0 to 2.
    pub max_retry_attempts: Option<u64>,
    /// Longest an event waits to be processed, in seconds (60 to 21,600).
    pub max_event_age: Option<u64>,
    /// Where a record of each successful invocation goes.
    pub on_success: Option<Target>,
    /// Where a record of each failed invocation goes.
    pub on_failure: Option<Target>,
}

/// A construct that receives records: a destination or a dead-letter target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The queue with this `id`.
    Queue(String),
    /// The topic with this `id`.
    Topic(String),
    /// The function with this `id`.
    Function(String),
    /// The event bus with this `id`.
    EventBus(String),
}

/// An SQS queue, encrypted with SQS-managed keys.
#[derive(Clone, Debug)]
pub struct Queue {
    /// The queue's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The `QueueName`; `None` lets CloudFormation generate one (with `.fifo` for FIFO).
    pub queue_name: Option<String>,
    /// Whether the queue is FIFO.
    pub fifo: bool,
    /// Visibility timeout in seconds; `None` is SQS's 30 s.
    pub visibility_timeout: Option<u64>,
    /// How long a message is kept, in seconds; `None` is SQS's 4 days.
    pub retention: Option<u64>,
    /// The dead-letter queue messages move to after `max_receive_count` receives.
    pub dead_letter: Option<Redrive>,
}

/// A queue's redrive policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redrive {
    /// The `id` of the dead-letter queue.
    pub queue: String,
    /// Receives before a message moves to the dead-letter queue.
    pub max_receive_count: u64,
}

/// A DynamoDB table, billed per request.
#[derive(Clone, Debug)]
pub struct Table {
    /// The table's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The partition key.
    pub partition_key: KeyAttribute,
    /// The sort key, if any.
    pub sort_key: Option<KeyAttribute>,
    /// The table's stream, if it has one.
    pub stream: Option<StreamView>,
}

/// A key attribute of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyAttribute {
    /// The attribute name.
    pub name: String,
    /// `S`, `N` or `B`.
    pub kind: AttributeKind,
}

/// A key attribute's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttributeKind {
    /// `S`
    String,
    /// `N`
    Number,
    /// `B`
    Binary,
}

/// What a DynamoDB stream record holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamView {
    /// `KEYS_ONLY`
    KeysOnly,
    /// `NEW_IMAGE`
    NewImage,
    /// `OLD_IMAGE`
    OldImage,
    /// `NEW_AND_OLD_IMAGES`
    NewAndOldImages,
}

/// A Kinesis data stream, encrypted with the AWS managed key.
#[derive(Clone, Debug)]
pub struct KinesisStream {
    /// The stream's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// Provisioned shards; `None` makes the stream on-demand.
    pub shard_count: Option<u64>,
    /// Retention in hours; `None` is Kinesis's 24 hours.
    pub retention_hours: Option<u64>,
}

/// An SNS topic.
#[derive(Clone, Debug)]
pub struct Topic {
    /// The topic's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// Whether the topic is FIFO.
    pub fifo: bool,
}

/// An EventBridge event bus.
#[derive(Clone, Debug)]
pub struct EventBus {
    /// The bus's `id` in the stack, from which its logical ID is derived.
    pub id: String,
}

/// A poll-based source read by a function (`AWS::Lambda::EventSourceMapping`).
#[derive(Clone, Debug)]
pub struct EventSource {
    /// The `id` of the function.
    pub function: String,
    /// What is read.
    pub source: PollSource,
    /// Records per batch.
    pub batch_size: Option<u64>,
    /// Longest wait to fill a batch, in seconds.
    pub batching_window: Option<u64>,
    /// Most concurrent invocations for a queue source.
    pub max_concurrency: Option<u64>,
    /// Whether the function reports partial batch failures.
    pub report_batch_item_failures: bool,
    /// Where a stream source starts reading.
    pub starting_position: Option<StartingPosition>,
    /// Batches processed at once per shard, for a stream source.
    pub parallelization_factor: Option<u64>,
    /// Whether a failed batch is split in two and retried, for a stream source.
    pub bisect_on_error: bool,
    /// Retries of a failed batch; `-1` retries until the record expires.
    pub max_retry_attempts: Option<i64>,
    /// Oldest record sent to the function, in seconds; `-1` for no limit.
    pub max_record_age: Option<i64>,
    /// Tumbling window in seconds, for a stream source.
    pub tumbling_window: Option<u64>,
    /// Where records of failed batches go, for a stream source: a queue or a topic.
    pub on_failure: Option<Target>,
}

/// The source of an event source mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PollSource {
    /// The queue with this `id`.
    Queue(String),
    /// The stream of the DynamoDB table with this `id`.
    TableStream(String),
    /// The Kinesis stream with this `id`.
    Kinesis(String),
}

/// Where a stream source starts reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartingPosition {
    /// The oldest record.
    TrimHorizon,
    /// Only new records.
    Latest,
    /// Records from this Unix time in seconds.
    AtTimestamp(u64),
}

/// A function subscribed to an SNS topic.
#[derive(Clone, Debug)]
pub struct Subscription {
    /// The `id` of the topic.
    pub topic: String,
    /// The `id` of the function.
    pub function: String,
}

/// An EventBridge rule that invokes a function: on a schedule, or on matching events.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The rule's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The `id` of the function.
    pub function: String,
    /// `rate(...)` or `cron(...)`, for a schedule.
    pub schedule: Option<String>,
    /// The event pattern, for a rule on events.
    pub pattern: Option<serde_json::Value>,
    /// The `id` of the event bus the rule listens on; `None` is the default bus.
    pub event_bus: Option<String>,
}

/// A function alias, pointing at the function's published version.
#[derive(Clone, Debug)]
pub struct Alias {
    /// The `id` of the function.
    pub function: String,
    /// The alias name.
    pub name: String,
    /// Provisioned concurrent executions kept warm on the alias.
    pub provisioned_concurrency: Option<u64>,
    /// Another version that takes a share of the traffic: its number and weight (0 to 1).
    pub additional_version: Option<(String, f64)>,
}

/// A CloudWatch alarm on a metric of a function.
#[derive(Clone, Debug)]
pub struct Alarm {
    /// The alarm's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The `id` of the function.
    pub function: String,
    /// The metric.
    pub metric: Metric,
    /// How data points are aggregated.
    pub statistic: Statistic,
    /// The value compared with the statistic.
    pub threshold: f64,
    /// How the statistic is compared with the threshold.
    pub comparison: Comparison,
    /// Length of one data point, in seconds.
    pub period: u64,
    /// Data points evaluated.
    pub evaluation_periods: u64,
    /// Breaching data points, among those evaluated, that set off the alarm.
    pub datapoints_to_alarm: Option<u64>,
    /// The `id`s of topics notified when the alarm fires.
    pub actions: Vec<String>,
}

/// A metric of the `AWS/Lambda` namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `Errors`
    Errors,
    /// `Throttles`
    Throttles,
    /// `Duration`, in milliseconds
    Duration,
    /// `Invocations`
    Invocations,
    /// `IteratorAge`, in milliseconds, for stream sources
    IteratorAge,
    /// `DeadLetterErrors`
    DeadLetterErrors,
    /// `ConcurrentExecutions`
    ConcurrentExecutions,
}

/// A CloudWatch statistic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statistic {
    /// `Sum`
    Sum,
    /// `Average`
    Average,
    /// `Maximum`
    Maximum,
    /// `Minimum`
    Minimum,
    /// `SampleCount`
    SampleCount,
}

/// How an alarm compares its statistic with the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `GreaterThanOrEqualToThreshold`
    GreaterOrEqual,
    /// `GreaterThanThreshold`
    Greater,
    /// `LessThanThreshold`
    Less,
    /// `LessThanOrEqualToThreshold`
    LessOrEqual,
}

/// Where a function's code comes from.
#[derive(Clone, Debug)]
pub enum Code {
    /// A Rust handler served by the app's `bootstrap` binary on `provided.al2023`.
    Rust {
        /// The handler's name, which the `bootstrap` binary dispatches on.
        handler: String,
        /// The app's `bootstrap` zip.
        asset: Asset,
    },
    /// Code in a managed runtime, from a folder of the crate.
    Managed {
        /// The Lambda runtime identifier, such as `python3.13`.
        runtime: String,
        /// The `Handler` the runtime invokes, such as `index.handler`.
        handler: String,
        /// The folder holding the code.
        asset: Asset,
    },
}

impl Code {
    /// The code's asset.
    pub fn asset(&self) -> &Asset {
        match self {
            Code::Rust { asset, .. } | Code::Managed { asset, .. } => asset,
        }
    }
}

/// A file asset published to the CDK bootstrap bucket, named by its content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// Hex SHA-256 of the asset's content (for a bootstrap zip: of the zip once the build
    /// step has packaged it, else of the sources it is built from).
    pub hash: String,
    /// What the asset is made of.
    pub source: AssetSource,
}

/// What an asset is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssetSource {
    /// A folder copied into the assembly and zipped when published.
    Directory(PathBuf),
    /// The app's `bootstrap` zip, written into the assembly by packaging.
    BootstrapZip,
}

/// The instruction set a function runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Architecture {
    /// 64-bit x86 (`x86_64`).
    X86_64,
    /// 64-bit ARM, AWS Graviton (`arm64`).
    Arm64,
}

impl Architecture {
    /// The name Lambda uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }
}

/// X-Ray tracing mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tracing {
    /// Lambda samples and traces incoming requests itself.
    Active,
    /// Lambda traces only requests an upstream service has sampled.
    PassThrough,
}

/// An S3 bucket: encrypted, private, TLS only, retained when the stack lets go of it.
#[derive(Clone, Debug)]
pub struct Bucket {
    /// The bucket's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// How the bucket's `BucketName` is set.
    pub name: BucketName,
    /// Functions invoked on object events in the bucket.
    pub notifications: Vec<Notification>,
}

/// How a bucket is named.
#[derive(Clone, Debug)]
pub enum BucketName {
    /// Exactly this name.
    Literal(String),
    /// This prefix, then `-<account>-<region>`, so that the name is unique and known
    /// before the bucket exists.
    Derived(String),
}

/// Object events a notification listens to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjectEvent {
    /// Any object creation (`s3:ObjectCreated:*`).
    Created,
    /// Any object deletion (`s3:ObjectRemoved:*`).
    Removed,
}

/// A native S3 notification that invokes a function.
#[derive(Clone, Debug)]
pub struct Notification {
    /// The event type that triggers the notification.
    pub event: ObjectEvent,
    /// Only objects whose key starts with this prefix.
    pub prefix: Option<String>,
    /// Only objects whose key ends with this suffix.
    pub suffix: Option<String>,
    /// The `id` of the function invoked.
    pub function: String,
}

/// A REST API (API Gateway v1) with Lambda proxy integrations, deployed to one stage.
#[derive(Clone, Debug)]
pub struct RestApi {
    /// The API's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The API's `Name`.
    pub name: String,
    /// The `StageName` the API is deployed to.
    pub stage: String,
    /// The API's `Description`.
    pub description: Option<String>,
    /// The methods of the API and the functions behind them.
    pub routes: Vec<Route>,
    /// The account's raised integration timeout quota, in seconds; `None` keeps API
    /// Gateway's 29 s. Integrations then wait as long as their function may run, up to it.
    pub integration_timeout: Option<u64>,
}

/// One method on one path.
#[derive(Clone, Debug)]
pub struct Route {
    /// Path parts as API Gateway writes them: `items`, `{id}`, `{proxy+}`.
    pub path: Vec<String>,
    /// `GET`, `POST`, ..., or `ANY`.
    pub method: String,
    /// The `id` of the function behind the route.
    pub function: String,
}

/// An IAM role assumed by Lambda, shared by the functions that name it.
#[derive(Clone, Debug)]
pub struct Role {
    /// The role's `id` in the stack, from which its logical ID is derived.
    pub id: String,
    /// The `RoleName`; `None` lets CloudFormation generate one.
    pub role_name: Option<String>,
    /// ARNs of managed policies attached to the role.
    pub managed_policies: Vec<String>,
}

/// Who a permission is given to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    /// The function's own role, or the declared role it uses.
    Function(String),
    /// A declared role.
    Role(String),
}

/// Access levels of a grant; which apply depends on the resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Bucket: `s3:GetObject` on the objects and `s3:ListBucket` on the bucket. Table: item
    /// reads and queries. Kinesis stream: record reads.
    Read,
    /// Bucket: `s3:PutObject` and `s3:DeleteObject` on the objects. Table: item writes.
    /// Kinesis stream: record writes.
    Write,
    /// Both `Read` and `Write`.
    ReadWrite,
    /// Queue: `sqs:SendMessage`.
    Send,
    /// Queue: receive, delete and read attributes.
    Consume,
    /// Topic: `sns:Publish`.
    Publish,
}

/// Least-privilege access to a resource of the stack.
#[derive(Clone, Debug)]
pub struct Grant {
    /// Who receives the access.
    pub principal: Principal,
    /// The access level.
    pub access: Access,
    /// The `id` of the bucket, queue, table, stream or topic.
    pub resource: String,
}

/// An `Allow` statement with explicit actions.
#[derive(Clone, Debug)]
pub struct Statement {
    /// Who receives the permissions.
    pub principal: Principal,
    /// IAM actions allowed, such as `s3:GetObject`.
    pub actions: Vec<String>,
    /// The resources the actions are allowed on.
    pub resources: Vec<ResourceRef>,
}

/// A resource of the stack named in a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceRef {
    /// The ARN of the bucket with this `id`.
    Bucket(String),
    /// The ARN of every object in the bucket with this `id` (`<bucket ARN>/*`).
    BucketObjects(String),
    /// The ARN of the function with this `id`.
    Function(String),
}

/// A stack output.
#[derive(Clone, Debug)]
pub struct Output {
    /// The output's name; in PascalCase it becomes the output's logical ID.
    pub name: String,
    /// What the output shows.
    pub value: OutputValue,
}

/// What an output shows.
#[derive(Clone, Debug)]
pub enum OutputValue {
    /// The invoke URL of the stage of the API with this `id`.
    ApiUrl(String),
    /// The REST API ID of the API with this `id`.
    ApiId(String),
    /// The name of the bucket with this `id`.
    BucketName(String),
    /// The ARN of the bucket with this `id`.
    BucketArn(String),
    /// The name of the function with this `id`.
    FunctionName(String),
    /// The ARN of the function with this `id`.
    FunctionArn(String),
    /// The name of the declared role with this `id`.
    RoleName(String),
    /// The ARN of the declared role with this `id`.
    RoleArn(String),
    /// The URL of the queue with this `id`.
    QueueUrl(String),
    /// The ARN of the queue with this `id`.
    QueueArn(String),
    /// The name of the table with this `id`.
    TableName(String),
    /// The ARN of the table with this `id`.
    TableArn(String),
    /// The ARN of the Kinesis stream with this `id`.
    StreamArn(String),
    /// The ARN of the topic with this `id`.
    TopicArn(String),
    /// The ARN of the function's alias: function `id`, alias name.
    AliasArn(String, String),
}
