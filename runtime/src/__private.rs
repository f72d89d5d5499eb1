//! Items the macro expansions name. Not a public API: it changes without notice.

use crate::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;

pub use crate::app::{App, RouteEntry};
pub use crate::events::{
    ApiGatewayProxyRequest, ApiGatewayProxyResponse, DynamoDbEvent, DynamoDbEventResponse,
    EventBridgeEvent, KinesisEvent, KinesisEventResponse, S3Event, SnsEvent, SqsBatchResponse,
    SqsEvent,
};
use crate::handler::Failure;
pub use lambda_runtime::Context;

/// What `#[lambda_function]` knows of a handler, implemented on a type named like it.
pub trait Handler {
    /// The event the handler takes.
    type Event: DeserializeOwned + Send + 'static;
    /// What the handler returns on success.
    type Output: Serialize + Send + 'static;
    /// The attribute's settings that rules across the stack need.
    const CONFIG: FunctionConfig;
    /// Runs the handler.
    fn call(
        event: Self::Event,
        context: Context,
    ) -> impl Future<Output = Result<Self::Output, Error>> + Send;
}

/// Settings of `#[lambda_function]` that `stack!` checks against its own.
pub struct FunctionConfig {
    /// The handler's name: the function's identifier.
    pub handler: &'static str,
    /// `name = "..."`, when given.
    pub function_name: Option<&'static str>,
    /// Timeout in seconds.
    pub timeout: u64,
    /// Memory in MB.
    pub memory: u64,
    /// `reserved_concurrency`, when given.
    pub reserved_concurrency: Option<u64>,
}

/// The return type of a handler.
#[diagnostic::on_unimplemented(
    message = "a `#[lambda_function]` handler must return `Result<T, E>`, found `{Self}`",
    note = "return `Result<T, stackforge::Error>`, where `T` is the response for the trigger"
)]
pub trait HandlerResult {
    /// The success type.
    type Ok;
    /// Converts the error side to [`Error`].
    fn into_result(self) -> Result<Self::Ok, Error>;
}

impl<T, E: Into<Error>> HandlerResult for Result<T, E> {
    type Ok = T;
    fn into_result(self) -> Result<T, Error> {
        self.map_err(Into::into)
    }
}

/// Event types a handler behind an API route may take.
#[diagnostic::on_unimplemented(
    message = "handler `{H}` is wired to an API route, but it takes `{Self}`",
    label = "this handler cannot take API Gateway requests",
    note = "a handler behind a REST API route takes `ApiGatewayProxyRequest` and returns `Result<ApiGatewayProxyResponse, Error>`"
)]
pub trait ApiEvent<H> {}
impl<H> ApiEvent<H> for ApiGatewayProxyRequest {}

/// Response types a handler behind an API route may return.
#[diagnostic::on_unimplemented(
    message = "handler `{H}` is wired to an API route, but it returns `{Self}`",
    label = "this handler does not answer with an API Gateway response",
    note = "a handler behind a REST API route returns `Result<ApiGatewayProxyResponse, Error>`"
)]
pub trait ApiResponse<H> {}
impl<H> ApiResponse<H> for ApiGatewayProxyResponse {}

/// Event types a handler of bucket notifications may take.
#[diagnostic::on_unimplemented(
    message = "handler `{H}` is wired to a bucket notification, but it takes `{Self}`",
    label = "this handler cannot take S3 notifications",
    note = "a handler of `on_object_created` or `on_object_removed` takes `S3Event`"
)]
pub trait S3NotificationEvent<H> {}
impl<H> S3NotificationEvent<H> for S3Event {}

/// Compiles only when `H` fits an API route.
pub fn api_route<H: Handler>()
where
    H::Event: ApiEvent<H>,
    H::Output: ApiResponse<H>,
{
}

/// Compiles only when `H` fits a bucket notification.
pub fn s3_notification<H: Handler>()
where
    H::Event: S3NotificationEvent<H>,
{
}

/// Declares a marker trait for the event or response types one trigger accepts, with the
/// message the compiler shows when a handler's type is not among them.
macro_rules! trigger_types {
    ($(#[$attr:meta])* $name:ident: $($ty:ty),+) => {
        $(#[$attr])*
        pub trait $name<H> {}
        $(impl<H> $name<H> for $ty {})+
    };
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` is wired to a queue, but it takes `{Self}`",
        label = "this handler cannot take SQS messages",
        note = "a handler of `queue.on_message(...)` takes `SqsEvent`"
    )]
    SqsSourceEvent: SqsEvent
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` is wired to a DynamoDB stream, but it takes `{Self}`",
        label = "this handler cannot take DynamoDB stream records",
        note = "a handler of `table.on_record(...)` takes `DynamoDbEvent`"
    )]
    DynamoDbSourceEvent: DynamoDbEvent
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` is wired to a Kinesis stream, but it takes `{Self}`",
        label = "this handler cannot take Kinesis records",
        note = "a handler of `stream.on_record(...)` takes `KinesisEvent`"
    )]
    KinesisSourceEvent: KinesisEvent
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` is subscribed to a topic, but it takes `{Self}`",
        label = "this handler cannot take SNS notifications",
        note = "a handler of `topic.on_message()` takes `SnsEvent`"
    )]
    SnsSourceEvent: SnsEvent
}

/// Event types a handler of a schedule or an EventBridge rule may take.
#[diagnostic::on_unimplemented(
    message = "handler `{H}` is the target of a schedule or rule, but it takes `{Self}`",
    label = "this handler cannot take EventBridge events",
    note = "a handler of `schedule` or `rule` takes `EventBridgeEvent` (or `EventBridgeEvent<MyDetail>`)"
)]
pub trait EventBridgeTargetEvent<H> {}
impl<H, T> EventBridgeTargetEvent<H> for EventBridgeEvent<T> where T: Serialize + DeserializeOwned {}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` reads a queue with `report_batch_item_failures = true`, but it returns `{Self}`",
        label = "this handler does not report which messages failed",
        note = "return `Result<SqsBatchResponse, Error>`, listing the failed message ids"
    )]
    SqsBatchOutput: SqsBatchResponse
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` reads a Kinesis stream with `report_batch_item_failures = true`, but it returns `{Self}`",
        label = "this handler does not report which records failed",
        note = "return `Result<KinesisEventResponse, Error>`, listing the failed sequence numbers"
    )]
    KinesisBatchOutput: KinesisEventResponse
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` reads a DynamoDB stream with `report_batch_item_failures = true`, but it returns `{Self}`",
        label = "this handler does not report which records failed",
        note = "return `Result<DynamoDbEventResponse, Error>`, listing the failed sequence numbers"
    )]
    DynamoDbBatchOutput: DynamoDbEventResponse
}

trigger_types! {
    #[diagnostic::on_unimplemented(
        message = "handler `{H}` returns `{Self}`, which its trigger ignores",
        label = "Lambda discards this response",
        note = "return `Result<(), Error>`; a queue or stream handler returns a batch response only with `report_batch_item_failures = true`"
    )]
    IgnoredOutput: ()
}

/// Compiles only when `H` takes SQS messages.
pub fn sqs_source<H: Handler>()
where
    H::Event: SqsSourceEvent<H>,
{
}

/// Compiles only when `H` takes DynamoDB stream records.
pub fn dynamodb_source<H: Handler>()
where
    H::Event: DynamoDbSourceEvent<H>,
{
}

/// Compiles only when `H` takes Kinesis records.
pub fn kinesis_source<H: Handler>()
where
    H::Event: KinesisSourceEvent<H>,
{
}

/// Compiles only when `H` takes SNS notifications.
pub fn sns_subscription<H: Handler>()
where
    H::Event: SnsSourceEvent<H>,
{
}

/// Compiles only when `H` takes EventBridge events.
pub fn eventbridge_target<H: Handler>()
where
    H::Event: EventBridgeTargetEvent<H>,
{
}

/// Compiles only when `H` reports SQS batch item failures.
pub fn sqs_batch_response<H: Handler>()
where
    H::Output: SqsBatchOutput<H>,
{
}

/// Compiles only when `H` reports Kinesis batch item failures.
pub fn kinesis_batch_response<H: Handler>()
where
    H::Output: KinesisBatchOutput<H>,
{
}

/// Compiles only when `H` reports DynamoDB batch item failures.
pub fn dynamodb_batch_response<H: Handler>()
where
    H::Output: DynamoDbBatchOutput<H>,
{
}

/// Compiles only when `H` returns nothing, as a trigger that ignores responses expects.
pub fn ignored_response<H: Handler>()
where
    H::Output: IgnoredOutput<H>,
{
}

type Invoke = fn(Value, Context) -> Pin<Box<dyn Future<Output = Result<Value, Failure>> + Send>>;

/// A handler with its types erased, for the runtime to dispatch to by name.
pub struct HandlerEntry {
    /// The handler's name, as in the function's `Handler` setting.
    pub name: &'static str,
    /// `name = "..."` of `#[lambda_function]`, when given.
    pub(crate) function_name: Option<&'static str>,
    /// Timeout in seconds, which local runs enforce as Lambda does.
    pub(crate) timeout: u64,
    /// Memory in MB, which local runs report in the context.
    pub(crate) memory: u64,
    pub(crate) invoke: Invoke,
}

impl HandlerEntry {
    /// The entry of handler `H`.
    pub fn of<H: Handler>() -> Self {
        HandlerEntry {
            name: H::CONFIG.handler,
            function_name: H::CONFIG.function_name,
            timeout: H::CONFIG.timeout,
            memory: H::CONFIG.memory,
            invoke: invoke::<H>,
        }
    }
}

fn invoke<H: Handler>(
    payload: Value,
    context: Context,
) -> Pin<Box<dyn Future<Output = Result<Value, Failure>> + Send>> {
    Box::pin(async move {
        let event: H::Event = serde_json::from_value(payload).map_err(Failure::event)?;
        let output = H::call(event, context).await.map_err(Failure::handler)?;
        serde_json::to_value(output).map_err(Failure::response)
    })
}

/// A message assembled at compile time, for `panic!` in a constant to show.
pub struct ConstMessage<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> ConstMessage<N> {
    /// An empty message.
    #[allow(
        clippy::new_without_default,
        reason = "a const constructor for generated code"
    )]
    pub const fn new() -> Self {
        ConstMessage {
            buf: [0; N],
            len: 0,
        }
    }

    /// Appends `text`, cut at the capacity.
    #[must_use]
    pub const fn str(mut self, text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < N {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// Appends `n` in decimal.
    #[must_use]
    pub const fn num(mut self, mut n: u64) -> Self {
        let mut digits = [0u8; 20];
        let mut count = 0;
        loop {
            digits[count] = b'0' + (n % 10) as u8;
            count += 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        while count > 0 && self.len < N {
            count -= 1;
            self.buf[self.len] = digits[count];
            self.len += 1;
        }
        self
    }

    /// The message so far.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buf.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "",
        }
    }
}

/// The event of a handler whose declaration has errors: fits every trigger, so that the
/// errors already reported are the only ones.
#[derive(serde::Deserialize, Serialize)]
pub enum Unchecked {}

impl<H> ApiEvent<H> for Unchecked {}
impl<H> ApiResponse<H> for Unchecked {}
impl<H> S3NotificationEvent<H> for Unchecked {}
impl<H> SqsSourceEvent<H> for Unchecked {}
impl<H> DynamoDbSourceEvent<H> for Unchecked {}
impl<H> KinesisSourceEvent<H> for Unchecked {}
impl<H> SnsSourceEvent<H> for Unchecked {}
impl<H> EventBridgeTargetEvent<H> for Unchecked {}
impl<H> SqsBatchOutput<H> for Unchecked {}
impl<H> KinesisBatchOutput<H> for Unchecked {}
impl<H> DynamoDbBatchOutput<H> for Unchecked {}
impl<H> IgnoredOutput<H> for Unchecked {}

/// Whether two handlers were given the same `name`, at compile time.
pub const fn same_name(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return false;
    };
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
