//! AWS limits and defaults, each named once with the page it comes from.

/// Smallest function memory, in MB.
/// Source: AWS Lambda Developer Guide, "Lambda quotas", function configuration.
pub const MEMORY_MIN_MB: u64 = 128;
/// Largest function memory, in MB. Source: "Lambda quotas", function configuration.
pub const MEMORY_MAX_MB: u64 = 10_240;
/// Memory when none is declared, in MB. Source: "Configure Lambda function memory".
pub const MEMORY_DEFAULT_MB: u64 = 128;

/// Shortest function timeout, in seconds. Source: "Configure Lambda function timeout".
pub const TIMEOUT_MIN_S: u64 = 1;
/// Longest function timeout, in seconds (15 minutes). Source: "Lambda quotas".
pub const TIMEOUT_MAX_S: u64 = 900;
/// Timeout when none is declared, in seconds. Source: "Configure Lambda function timeout".
pub const TIMEOUT_DEFAULT_S: u64 = 3;

/// Smallest `/tmp` size, in MB. Source: "Configure ephemeral storage for Lambda functions".
pub const EPHEMERAL_STORAGE_MIN_MB: u64 = 512;
/// Largest `/tmp` size, in MB. Source: "Configure ephemeral storage for Lambda functions".
pub const EPHEMERAL_STORAGE_MAX_MB: u64 = 10_240;

/// Concurrent executions of an account unless its quota was raised.
/// Source: "Lambda quotas", concurrent executions.
pub const CONCURRENT_EXECUTIONS_DEFAULT: u64 = 1_000;
/// Concurrency Lambda keeps unreserved for the functions without a reservation, so a
/// function may reserve at most the account's concurrency minus this.
/// Source: "Configuring reserved concurrency for a function".
pub const UNRESERVED_CONCURRENCY_MIN: u64 = 100;
/// The days before a runtime's deprecation from which its use is a warning.
pub const RUNTIME_DEPRECATION_NOTICE_DAYS: i64 = 180;

/// Longest function name. Source: AWS::Lambda::Function `FunctionName`.
pub const FUNCTION_NAME_MAX: usize = 64;
/// Longest function description. Source: AWS::Lambda::Function `Description`.
pub const DESCRIPTION_MAX: usize = 256;
/// Total size of a function's environment variables, in bytes. Source: "Lambda quotas".
pub const ENVIRONMENT_MAX_BYTES: usize = 4_096;
/// Longest IAM role name. Source: IAM User Guide, "IAM and AWS STS quotas".
pub const ROLE_NAME_MAX: usize = 64;
/// Shortest and longest bucket names. Source: S3 User Guide, "Bucket naming rules".
pub const BUCKET_NAME_MIN: usize = 3;
/// See [`BUCKET_NAME_MIN`].
pub const BUCKET_NAME_MAX: usize = 63;
/// Longest CloudFormation stack name. Source: CloudFormation User Guide, "quotas".
pub const STACK_NAME_MAX: usize = 128;
/// Longest API Gateway stage name. Source: AWS::ApiGateway::Stage `StageName`.
pub const STAGE_NAME_MAX: usize = 128;

/// Default log retention when none is declared, in days: a month of logs, then expiry.
pub const LOG_RETENTION_DEFAULT_DAYS: u64 = 30;
/// The retention periods CloudWatch Logs accepts, in days.
/// Source: CloudWatch Logs API Reference, `PutRetentionPolicy`, `retentionInDays`.
pub const LOG_RETENTION_DAYS: &[u64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// Maximum integration timeout of a REST API, in seconds, unless the account's quota was
/// raised. Source: API Gateway Developer Guide, "Amazon API Gateway quotas".
pub const API_INTEGRATION_TIMEOUT_S: u64 = 29;

/// Environment variable names that Lambda sets itself and refuses in a function's
/// configuration. Source: "Defined runtime environment variables".
pub const RESERVED_ENVIRONMENT_NAMES: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

/// Longest queue visibility timeout, in seconds (12 hours). Source: SQS Developer Guide,
/// "Amazon SQS visibility timeout".
pub const QUEUE_VISIBILITY_MAX_S: u64 = 43_200;
/// SQS's visibility timeout when none is declared, in seconds. Source: as above.
pub const QUEUE_VISIBILITY_DEFAULT_S: u64 = 30;
/// Shortest and longest message retention, in seconds (1 minute to 14 days).
/// Source: SQS API Reference, `SetQueueAttributes`, `MessageRetentionPeriod`.
pub const QUEUE_RETENTION_MIN_S: u64 = 60;
/// See [`QUEUE_RETENTION_MIN_S`].
pub const QUEUE_RETENTION_MAX_S: u64 = 1_209_600;
/// Largest `maxReceiveCount` of a redrive policy. Source: SQS Developer Guide, dead-letter queues.
pub const MAX_RECEIVE_COUNT_MAX: u64 = 1_000;
/// Longest queue name. Source: SQS API Reference, `CreateQueue`, `QueueName`.
pub const QUEUE_NAME_MAX: usize = 80;

/// Largest SQS batch without a batching window, and for FIFO queues.
/// Source: Lambda Developer Guide, "Using Lambda with Amazon SQS", `BatchSize`.
pub const SQS_BATCH_MAX: u64 = 10;
/// Largest standard-queue batch with a batching window. Source: as above.
pub const SQS_BATCH_WINDOWED_MAX: u64 = 10_000;
/// Largest stream batch. Source: `AWS::Lambda::EventSourceMapping` `BatchSize`.
pub const STREAM_BATCH_MAX: u64 = 10_000;
/// Longest batching window, in seconds. Source: `MaximumBatchingWindowInSeconds`.
pub const BATCHING_WINDOW_MAX_S: u64 = 300;
/// Range of `ScalingConfig.MaximumConcurrency` of an SQS source. Source: "Configuring
/// maximum concurrency for Amazon SQS event sources".
pub const SQS_MAX_CONCURRENCY_MIN: u64 = 2;
/// See [`SQS_MAX_CONCURRENCY_MIN`].
pub const SQS_MAX_CONCURRENCY_MAX: u64 = 1_000;
/// Largest parallelization factor of a stream source. Source: `ParallelizationFactor`.
pub const PARALLELIZATION_MAX: u64 = 10;
/// Largest retry count of a stream source (`-1` is "until the record expires").
/// Source: `MaximumRetryAttempts` of `AWS::Lambda::EventSourceMapping`.
pub const STREAM_RETRY_MAX: i64 = 10_000;
/// Shortest and longest record age of a stream source, in seconds (`-1` is "no limit").
/// Source: `MaximumRecordAgeInSeconds`.
pub const RECORD_AGE_MIN_S: i64 = 60;
/// See [`RECORD_AGE_MIN_S`].
pub const RECORD_AGE_MAX_S: i64 = 604_800;
/// Longest tumbling window, in seconds. Source: `TumblingWindowInSeconds`.
pub const TUMBLING_WINDOW_MAX_S: u64 = 900;

/// Most retries of a failed asynchronous invocation. Source: Lambda Developer Guide,
/// "Configuring error handling for asynchronous invocation".
pub const ASYNC_RETRY_MAX: u64 = 2;
/// Shortest and longest age of an asynchronous event, in seconds. Source: as above.
pub const EVENT_AGE_MIN_S: u64 = 60;
/// See [`EVENT_AGE_MIN_S`].
pub const EVENT_AGE_MAX_S: u64 = 21_600;

/// Shortest and longest Kinesis retention, in hours (1 day to 365 days).
/// Source: Kinesis Data Streams Developer Guide, "Changing the data retention period".
pub const KINESIS_RETENTION_MIN_H: u64 = 24;
/// See [`KINESIS_RETENTION_MIN_H`].
pub const KINESIS_RETENTION_MAX_H: u64 = 8_760;

/// Longest alias name. Source: `AWS::Lambda::Alias` `Name`.
pub const ALIAS_NAME_MAX: usize = 128;

/// Longest span an alarm may evaluate, in seconds (one day).
/// Source: CloudWatch User Guide, "Using Amazon CloudWatch alarms", evaluation periods.
pub const ALARM_WINDOW_MAX_S: u64 = 86_400;
