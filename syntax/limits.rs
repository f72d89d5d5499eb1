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

/// Default unreserved concurrency of an account; reserving more is impossible without a
/// quota increase. Source: "Lambda quotas", concurrent executions.
pub const RESERVED_CONCURRENCY_MAX: u64 = 1_000;

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
