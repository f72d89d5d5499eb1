use stackforge::prelude::*;

mod handlers {
    use stackforge::prelude::*;

    #[lambda_function]
    pub async fn greet(_request: ApiGatewayProxyRequest) -> Result<ApiGatewayProxyResponse, Error> {
        Ok(ApiGatewayProxyResponse::default())
    }
}

#[lambda_function]
async fn on_upload(_event: S3Event) -> Result<(), Error> {
    Ok(())
}

stack! {
    ReferenceForms {
        bucket uploads;
        bucket archive;
        role worker_role;
        function legacy {
            runtime: "nodejs24.x",
            handler: "index.handler",
            code: "lambda",
            role: worker_role,
        }
        api public {
            "/hello" { GET => handlers::greet }
            "/legacy" { POST => legacy }
        }
        uploads.on_object_created() => on_upload;
        grant on_upload read uploads;
        grant on_upload read_write archive;
        grant worker_role write archive;
        allow worker_role ["s3:GetObject"] on uploads.objects;
        output api_url = public.url;
        output api_id = public.id;
        output uploads_name = uploads.name;
        output uploads_arn = uploads.arn;
        output greet_name = greet.name;
        output on_upload_arn = on_upload.arn;
        output legacy_arn = legacy.arn;
        output role_name = worker_role.name;
        output role_arn = worker_role.arn;
    }
}

fn main() {
    let names: Vec<&str> = ReferenceForms::handlers().iter().map(|h| h.name).collect();
    assert_eq!(names, ["greet", "on_upload"]);
}
