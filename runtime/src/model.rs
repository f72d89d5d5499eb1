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
    pub functions: Vec<Function>,
    pub buckets: Vec<Bucket>,
    pub roles: Vec<Role>,
    pub apis: Vec<RestApi>,
    pub grants: Vec<Grant>,
    pub statements: Vec<Statement>,
    pub outputs: Vec<Output>,
}

/// A Lambda function with its log group and, unless it names a declared role, its own role.
#[derive(Clone, Debug)]
pub struct Function {
    pub id: String,
    /// The deployed `FunctionName`.
    pub function_name: String,
    pub code: Code,
    /// Memory in MB.
    pub memory: u64,
    /// Timeout in seconds.
    pub timeout: u64,
    pub description: Option<String>,
    pub architecture: Architecture,
    pub environment: BTreeMap<String, String>,
    pub reserved_concurrency: Option<u64>,
    /// `/tmp` size in MB.
    pub ephemeral_storage: Option<u64>,
    /// Log retention in days.
    pub log_retention: u64,
    pub tracing: Option<Tracing>,
    /// The `id` of a declared [`Role`]; `None` gives the function a role of its own.
    pub role: Option<String>,
}

/// Where a function's code comes from.
#[derive(Clone, Debug)]
pub enum Code {
    /// A Rust handler served by the app's `bootstrap` binary on `provided.al2023`.
    Rust { handler: String, asset: Asset },
    /// Code in a managed runtime, from a folder of the crate.
    Managed {
        runtime: String,
        handler: String,
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
    X86_64,
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
    Active,
    PassThrough,
}

/// An S3 bucket: encrypted, private, TLS only, retained when the stack lets go of it.
#[derive(Clone, Debug)]
pub struct Bucket {
    pub id: String,
    pub name: BucketName,
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
    Created,
    Removed,
}

/// A native S3 notification that invokes a function.
#[derive(Clone, Debug)]
pub struct Notification {
    pub event: ObjectEvent,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// The `id` of the function invoked.
    pub function: String,
}

/// A REST API (API Gateway v1) with Lambda proxy integrations, deployed to one stage.
#[derive(Clone, Debug)]
pub struct RestApi {
    pub id: String,
    /// The API's `Name`.
    pub name: String,
    pub stage: String,
    pub description: Option<String>,
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
    pub id: String,
    pub role_name: Option<String>,
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
    Read,
    Write,
    ReadWrite,
}

/// Least-privilege access to a bucket.
#[derive(Clone, Debug)]
pub struct Grant {
    pub principal: Principal,
    pub access: Access,
    /// The `id` of the bucket.
    pub bucket: String,
}

/// An `Allow` statement with explicit actions.
#[derive(Clone, Debug)]
pub struct Statement {
    pub principal: Principal,
    pub actions: Vec<String>,
    pub resources: Vec<ResourceRef>,
}

/// A resource of the stack named in a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResourceRef {
    Bucket(String),
    BucketObjects(String),
    Function(String),
}

/// A stack output.
#[derive(Clone, Debug)]
pub struct Output {
    pub name: String,
    pub value: OutputValue,
}

/// What an output shows.
#[derive(Clone, Debug)]
pub enum OutputValue {
    ApiUrl(String),
    ApiId(String),
    BucketName(String),
    BucketArn(String),
    FunctionName(String),
    FunctionArn(String),
    RoleName(String),
    RoleArn(String),
}
