use stackforge::prelude::*;

/// The derived name `NamingBoundaries-handles_every_uploaded_object_for_naming_checks` has exactly 64 characters.
#[lambda_function(
    environment = { A1 = "x", lower_case = "y", AWS_LAMBDA_EXEC_WRAPPER = "/opt/wrapper" },
)]
async fn handles_every_uploaded_object_for_naming_checks(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

#[lambda_function(
    name = "naming-boundaries-function-name-of-exactly-sixty-four-characters",
    description = "Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resizes uploaded images. Resize",
)]
async fn named(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
    Ok(ApiGatewayProxyResponse::default())
}

stack! {
    NamingBoundaries {
        // Exactly 63 and exactly 3 characters, and periods between labels.
        bucket longest { name: "stackforge-naming-boundaries-uploads-in-eu-west-1-for-tests-001" }
        bucket shortest { name: "abc" }
        bucket dotted { name: "logs.example.com" }
        // The derived name `namingboundaries-incoming-raw-files-<account>-<region>` can reach 63.
        bucket incoming_raw_files;
        incoming_raw_files.on_object_created() => handles_every_uploaded_object_for_naming_checks;
        role worker {
            name: "naming+boundaries=role,name.of@exactly_sixty-four-characters_xyz",
            managed_policies: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        }
        api public {
            stage: "prod_v2",
            "/" { GET => named }
        }
    }
}

fn main() {
    assert_eq!(NamingBoundaries::NAME, "NamingBoundaries");
    assert_eq!(NamingBoundaries::handlers().len(), 2);
}
