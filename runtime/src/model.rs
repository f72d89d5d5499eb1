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
    /// Hex SHA-256 of the asset's content (for a bootstrap zip: of the sources it is built from).
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

/// Access levels of a bucket grant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// `s3:GetObject` on the objects and `s3:ListBucket` on the bucket.
    Read,
    /// `s3:PutObject` and `s3:DeleteObject` on the objects.
    Write,
    /// Both `Read` and `Write`.
    ReadWrite,
}

/// Least-privilege access to a bucket.
#[derive(Clone, Debug)]
pub struct Grant {
    /// Who receives the access.
    pub principal: Principal,
    /// The access level.
    pub access: Access,
    /// The `id` of the bucket.
    pub bucket: String,
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
}
