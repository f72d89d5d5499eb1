//! Declare AWS Lambda functions and the serverless stack around them in Rust.
//!
//! Annotate handlers with [`lambda_function`], declare the stack with [`stack!`], and add
//! `stackforge-build` to the app's build script: `cargo build` then checks the declaration
//! and writes a CloudFormation template and a cloud assembly that the AWS CDK CLI deploys.
//! The same binary serves the handlers on AWS Lambda through [`run`], and runs them locally:
//! one invocation, the REST API on 127.0.0.1, or a local Lambda Runtime API.
//!
//! The [`model`] and [`synth`] modules can also be used directly, without the macros.

#![warn(missing_docs)]

pub mod assembly;
pub mod model;
pub mod synth;

#[cfg(feature = "lambda")]
mod app;
#[cfg(feature = "lambda")]
mod handler;

#[cfg(feature = "lambda")]
pub use app::{App, RouteEntry};
#[cfg(feature = "lambda")]
pub use handler::run;
#[cfg(feature = "lambda")]
pub use lambda_runtime::Context;
#[cfg(feature = "lambda")]
pub use stackforge_macros::{lambda_function, stack};

/// The error type handlers and the runtime report: any error that can cross threads.
pub type Error = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Lambda event types, from the `aws_lambda_events` crate.
#[cfg(feature = "lambda")]
pub mod events {
    pub use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayProxyResponse};
    pub use aws_lambda_events::dynamodb::Event as DynamoDbEvent;
    pub use aws_lambda_events::eventbridge::EventBridgeEvent;
    pub use aws_lambda_events::kinesis::KinesisEvent;
    pub use aws_lambda_events::s3::{S3Event, S3EventRecord};
    pub use aws_lambda_events::sns::SnsEvent;
    pub use aws_lambda_events::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
    pub use aws_lambda_events::streams::{
        DynamoDbEventResponse, KinesisBatchItemFailure, KinesisEventResponse,
    };
    pub use aws_lambda_events::*;
}

/// Everything an app needs in scope: `use stackforge::prelude::*;`.
#[cfg(feature = "lambda")]
pub mod prelude {
    pub use crate::events::{
        ApiGatewayProxyRequest, ApiGatewayProxyResponse, BatchItemFailure, DynamoDbEvent,
        DynamoDbEventResponse, EventBridgeEvent, KinesisBatchItemFailure, KinesisEvent,
        KinesisEventResponse, S3Event, SnsEvent, SqsBatchResponse, SqsEvent,
    };
    pub use crate::{lambda_function, stack, Context, Error};
}

#[doc(hidden)]
#[cfg(feature = "lambda")]
pub mod __private;
